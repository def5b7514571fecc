/// Maps token bytes and n-grams to vocabulary indices: the "dictionary" half of a model.
final class FeatureLookup: Sendable {
  /// Interned tokens.
  let tokens: ByteTable
  /// Interned n-grams over token ids.
  let ngrams: NGramTable
  /// Vocabulary index of each n-gram id.
  let featureOfID: [Int32]
  /// Per vocabulary index: whether the n-gram holds a punctuation mark (counted by presence).
  let featureHasMark: [Bool]

  /// Rebuilds the lookup from a sorted vocabulary of space-joined n-grams.
  convenience init(vocabulary: [String]) {
    var tokens = ByteTable(capacity: vocabulary.count)
    var ngrams = NGramTable(capacity: vocabulary.count)
    var featureOfID: [Int32] = []
    featureOfID.reserveCapacity(vocabulary.count)
    var ids: [Int32] = []
    for (index, feature) in vocabulary.enumerated() {
      ids.removeAll(keepingCapacity: true)
      var feature = feature
      feature.withUTF8 { bytes in
        var start = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == 0x20 {
          ids.append(tokens.intern(UnsafeBufferPointer(rebasing: bytes[start..<end])))
          start = end + 1
        }
      }
      // A vocabulary entry that no tokenizer could produce (too long) can never match; skip it.
      guard ids.count <= FeatureOptions.maximumNgram,
        let key = ids.withUnsafeBufferPointer({ NGramKey.make($0, start: 0, length: $0.count) })
      else { continue }
      let (id, inserted) = ngrams.intern(key)
      if inserted {
        featureOfID.append(Int32(index))
      }
      _ = id
    }
    self.init(
      tokens: tokens, ngrams: ngrams, featureOfID: featureOfID,
      featureHasMark: vocabulary.map(Tokenizer.containsMark(ngram:)))
  }

  init(tokens: ByteTable, ngrams: NGramTable, featureOfID: [Int32], featureHasMark: [Bool]) {
    self.tokens = tokens
    self.ngrams = ngrams
    self.featureOfID = featureOfID
    self.featureHasMark = featureHasMark
  }

  /// Calls `body` with the n-gram id of every n-gram of `text` the lookup knows, in text order.
  @inline(__always)
  func forEachNGram(in text: String, tokenizer: Tokenizer, ids: inout [Int32], _ body: (Int32) -> Void) {
    ids.removeAll(keepingCapacity: true)
    tokenizer.forEachToken(in: text) { ids.append(tokens.find($0) ?? -1) }
    ids.withUnsafeBufferPointer { ids in
      for n in tokenizer.options.ngramRange where n <= ids.count {
        for start in 0...(ids.count - n) {
          if let key = NGramKey.make(ids, start: start, length: n), let id = ngrams.find(key) {
            body(id)
          }
        }
      }
    }
  }
}
