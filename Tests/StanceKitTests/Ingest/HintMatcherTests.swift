import Testing

@testable import StanceKit

/// The byte-pair filter only passes over positions where no hint can start, so scanning with
/// it must count exactly what scanning without it counts.
@Suite struct HintMatcherTests {
  /// Class values from hint fragments, whole hints, taxonomy labels, comment states and noise.
  static func values(count: Int) -> [[UInt8]] {
    let pieces = [
      "share", "sha", "social", "comment", "comments-open", "commented", "disqus", "post", "posts", "post-body",
      "tag-election", "category-news", "tag-list", "ad", "ad-slot", "adslot", "Main", "CONTENT", "entry", "s", "c",
      "x", "-", "_", " ", "  ", "\t", "nav", "navbar", "bio", "biography", "menu-item", "col-md-8", "é", "👍", "a1",
    ].map { Array($0.utf8) }
    var random = SplitMix64(seed: 20261207)
    return (0..<count).map { _ in
      var value: [UInt8] = []
      for _ in 0..<Int(random.next() % 9) {
        value += pieces[Int(random.next() % UInt64(pieces.count))]
        if random.next() % 3 == 0 { value.append(random.next() % 2 == 0 ? 0x20 : 0x2D) }
      }
      return value
    }
  }

  @Test func thePairFilterChangesNoCount() {
    let filtered = HintMatcher(filtersPairs: true)
    let plain = HintMatcher(filtersPairs: false)
    var scratch: [UInt8] = []
    var differ: [String] = []
    var matched = 0
    for value in Self.values(count: 20_000) {
      let terminated = value + [0]
      var a = HintMatcher.Counts()
      var b = HintMatcher.Counts()
      terminated.withUnsafeBufferPointer { filtered.scan($0.baseAddress!, into: &a, scratch: &scratch) }
      terminated.withUnsafeBufferPointer { plain.scan($0.baseAddress!, into: &b, scratch: &scratch) }
      if (a.positive, a.negative, a.strong) != (b.positive, b.negative, b.strong) {
        differ.append(String(decoding: value, as: UTF8.self))
      }
      if b.positive + b.negative > 0 { matched += 1 }
    }
    let first = Array(differ.prefix(5))
    #expect(differ.count == 0, "first differences: \(first)")
    // The values must exercise matches, or agreement would prove nothing.
    #expect(matched > 5_000)
  }
}
