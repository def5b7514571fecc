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

@Suite struct RadixOrderTests {
  /// Above the radix threshold, with many equal keys and keys that differ only in one byte.
  @Test func radixOrderEqualsComparisonOrder() {
    var random = SeededRandom(state: 99)
    for count in [1023, 1024, 5000] {
      let keys: [UInt64] = (0..<count).map { i in
        switch i % 4 {
        case 0: return random.next()
        case 1: return random.next() & 0xFF00  // one varying byte, the rest equal
        case 2: return 42
        default: return random.next() >> 60
        }
      }
      let reference = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
      #expect(ByteOrder.sortedByKey(keys) == reference)
    }
    #expect(ByteOrder.sortedByKey([]) == [])
    #expect(ByteOrder.sortedByKey(Array(repeating: 7, count: 3000)) == Array(0..<3000))
  }

  @Test func largeVocabularyMatchesAReferenceByteSort() {
    var random = SeededRandom(state: 5)
    let alphabet = ["a", "b", "the ", "movie ", "é", "e\u{301}", "z", " ", "NOT_", "東", "longer prefix "]
    let strings: [String] = (0..<6000).map { _ in
      (0..<(1 + Int(random.next() % 6))).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }
    let reference = strings.indices.sorted { i, j in
      let a = Array(strings[i].utf8)
      let b = Array(strings[j].utf8)
      return a == b ? i < j : a.lexicographicallyPrecedes(b)
    }
    #expect(ByteOrder.sortedIndices(strings) == reference)
  }
}
