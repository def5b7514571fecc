import Testing

@testable import StanceKit

/// Tally must give each distinct id once, in first-occurrence order, with how often it occurred.
@Suite struct TallyTests {
  @Test func matchesADictionary() {
    var random = SplitMix64(seed: 11)
    var tally = Tally()
    for round in 0..<300 {
      let length = Int(random.next() % 600)
      // Few distinct ids (many repeats), more, and nearly all distinct; some negative.
      let spread: [Int32] = [8, 4096, 1 << 30]
      let items = (0..<length).map { _ -> Int32 in
        let id = Int32(truncatingIfNeeded: random.next() % UInt64(spread[round % 3]))
        return random.next() % 4 == 0 ? -1 - id % 5 : id
      }
      var order: [Int32] = []
      var seen: [Int32: UInt32] = [:]
      for item in items {
        if seen[item] == nil { order.append(item) }
        seen[item, default: 0] += 1
      }
      items.withUnsafeBufferPointer { tally.count($0) }
      #expect(tally.ids == order)
      #expect(tally.counts == order.map { seen[$0]! })
    }
  }
}
