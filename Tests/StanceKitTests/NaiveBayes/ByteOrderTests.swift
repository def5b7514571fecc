import Testing
@testable import StanceKit

@Suite struct ByteOrderTests {
  @Test func sortedIndicesMatchesAReferenceByteSort() {
    var random = SeededRandom(state: 17)
    let alphabet = ["a", "b", "the ", "movie", "é", "e\u{301}", "z", " ", "NOT_", "東"]
    var strings: [String] = []
    for _ in 0..<2000 {
      let parts = (0..<(1 + Int(random.next() % 6))).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
      strings.append(parts.joined())
    }
    let reference = strings.indices.sorted { i, j in
      let a = Array(strings[i].utf8)
      let b = Array(strings[j].utf8)
      return a == b ? i < j : a.lexicographicallyPrecedes(b)
    }
    #expect(ByteOrder.sortedIndices(strings) == reference)
    // Canonically equivalent but different bytes: Swift's == says equal, byte order does not.
    #expect(ByteOrder.compare("é", "e\u{301}") != 0)
  }
}
