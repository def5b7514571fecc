import Testing

@testable import StanceKit

/// `FeatureLookup(vocabulary:)` interns a block of entries at a time and gathers a run's shared
/// first token once; every entry must still get the key its own tokens spell.
@Suite struct FeatureLookupTests {
  /// Sorted, unique entries of one to six space-joined tokens over a small alphabet (so first
  /// tokens repeat in runs), with marks, long tokens and an empty token now and then.
  static func vocabulary(seed: UInt64, count: Int) -> Vocabulary {
    var random = SeededRandom(state: seed)
    let pieces = ["a", "b", "ab", "ba", ".", "!", ",", "é", "longerthaneight", "x9", ""]
    var entries = Set<String>()
    while entries.count < count {
      let length = 1 + Int(random.next() % 6)
      entries.insert((0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined(separator: " "))
    }
    let sorted = entries.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    return Vocabulary(sorted)
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func everyEntryGetsTheKeyItsTokensSpell(seed: UInt64) {
    let vocabulary = Self.vocabulary(seed: seed, count: 3_000)
    let lookup = FeatureLookup(vocabulary: vocabulary)
    var keyed = 0
    for index in vocabulary.indices {
      let entry = Array(vocabulary.utf8(index))
      #expect(lookup.featureHasMark[index] == Tokenizer.containsMark(ngram: entry), "\(vocabulary[index])")
      let tokens = entry.split(separator: 0x20, omittingEmptySubsequences: false)
      guard tokens.count <= FeatureOptions.maximumNgram else { continue }
      let ids = tokens.map { token in Array(token).withUnsafeBufferPointer { lookup.tokens.find($0) ?? -1 } }
      guard !ids.contains(-1) else {
        Issue.record("a token of \"\(vocabulary[index])\" is missing")
        continue
      }
      var found: [Int32] = []
      ids.withUnsafeBufferPointer { ids in
        if ids.count == 1 {
          found = [lookup.unigramOfToken[Int(ids[0])]].filter { $0 >= 0 }
        } else {
          lookup.forEachNGram(length: ids.count, of: ids) { id, _ in found.append(id) }
        }
      }
      #expect(found.count == 1 && found.first.map { lookup.featureOfID[Int($0)] } == Int32(index), "\(vocabulary[index])")
      // Spelled back from its tokens (an empty token, which no tokenizer makes, loses its space).
      if !tokens.contains(where: \.isEmpty) { #expect(found.first.map { lookup.ngram(id: Int($0)) } == vocabulary[index]) }
      keyed += 1
    }
    // Longer entries get no key; every other one does, and only once.
    #expect(lookup.featureOfID.count == keyed)
  }
}
