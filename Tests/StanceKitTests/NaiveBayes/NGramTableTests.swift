import Testing

@testable import StanceKit

/// `NGramTable.findAll` must find what probing key by key finds, and `NGramKey.make`'s short-key
/// path must build the keys its definition gives.
@Suite struct NGramTableTests {
  /// The key of `ids` by the definition: each token id plus one, in 32-bit lanes, low then high.
  static func definedKey(_ ids: [Int32]) -> NGramKey? {
    if ids.contains(where: { $0 < 0 }) { return nil }
    var lanes = [UInt64](repeating: 0, count: 4)
    for (index, id) in ids.enumerated() { lanes[index] = UInt64(UInt32(id) + 1) }
    return NGramKey(low: lanes[0] | lanes[1] << 32, high: lanes[2] | lanes[3] << 32)
  }

  @Test func makeBuildsTheDefinedKeyForEveryLength() {
    var random = SeededRandom(state: 7)
    for _ in 0..<2_000 {
      let length = 1 + Int(random.next() % 4)
      let ids = (0..<length).map { _ -> Int32 in random.next() % 9 == 0 ? -1 : Int32(random.next() % 3_000_000) }
      let made = ids.withUnsafeBufferPointer { NGramKey.make($0, start: 0, length: length) }
      #expect(made == Self.definedKey(ids), "\(ids)")
    }
  }

  @Test(arguments: [1, 2, 3])
  func findAllFindsWhatProbingOneByOneFinds(length: Int) {
    var random = SeededRandom(state: UInt64(40 + length))
    // A table of n-grams over a small vocabulary, so texts hit it often and collide in slots.
    let vocabulary = UInt64(length == 3 ? 15 : 60)
    var table = NGramTable(capacity: 16)
    for _ in 0..<3_000 {
      let ids = (0..<length).map { _ in Int32(random.next() % vocabulary) }
      let (id, slot, inserted) = ids.withUnsafeBufferPointer { table.internSlot(NGramKey.make($0, start: 0, length: length)!, tag: 0) }
      if inserted { table.setTag(Int32(id) * 3 + 1, at: slot) }
    }
    for textLength in [0, 1, 2, 3, 50, 700] {
      // Token ids past the vocabulary and unknown tokens (-1) among the known ones.
      let ids = (0..<textLength).map { _ -> Int32 in random.next() % 10 == 0 ? -1 : Int32(random.next() % (vocabulary + 10)) }
      var expected: [[Int32]] = []
      var found: [[Int32]] = []
      ids.withUnsafeBufferPointer { ids in
        if length <= ids.count {
          for start in 0...(ids.count - length) {
            if let key = NGramKey.make(ids, start: start, length: length), let (id, tag) = table.find(key) {
              expected.append([id, tag])
            }
          }
        }
        table.findAll(ids, length: length) { id, tag in found.append([id, tag]) }
      }
      #expect(found == expected, "length \(length), text of \(textLength)")
      if textLength >= 50 { #expect(!found.isEmpty) }
    }
  }
}
