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
  /// The n-gram id of each token's unigram, or -1: unigrams skip the large n-gram table.
  let unigramOfToken: [Int32]

  /// Rebuilds the lookup from a sorted vocabulary of space-joined n-grams.
  convenience init(vocabulary: Vocabulary) {
    var tokens = ByteTable(capacity: vocabulary.count)
    var ngrams = NGramTable(capacity: vocabulary.count)
    var featureOfID: [Int32] = []
    featureOfID.reserveCapacity(vocabulary.count)
    var ids: [Int32] = []
    vocabulary.bytes.withUnsafeBufferPointer { bytes in
      for index in vocabulary.indices {
        ids.removeAll(keepingCapacity: true)
        var start = vocabulary.starts[index]
        let featureEnd = vocabulary.starts[index + 1]
        for end in start...featureEnd where end == featureEnd || bytes[end] == 0x20 {
          ids.append(tokens.intern(UnsafeBufferPointer(rebasing: bytes[start..<end])))
          start = end + 1
        }
        // A vocabulary entry that no tokenizer could produce (too long) can never match; skip it.
        guard ids.count <= FeatureOptions.maximumNgram,
          let key = ids.withUnsafeBufferPointer({ NGramKey.make($0, start: 0, length: $0.count) })
        else { continue }
        if ngrams.intern(key).inserted { featureOfID.append(Int32(index)) }
      }
    }
    self.init(
      tokens: tokens, ngrams: ngrams, featureOfID: featureOfID,
      featureHasMark: vocabulary.indices.map { Tokenizer.containsMark(ngram: vocabulary.utf8($0)) })
  }

  init(tokens: ByteTable, ngrams: NGramTable, featureOfID: [Int32], featureHasMark: [Bool]) {
    self.tokens = tokens
    self.ngrams = ngrams
    self.featureOfID = featureOfID
    self.featureHasMark = featureHasMark
    var unigramOfToken = [Int32](repeating: -1, count: tokens.count)
    for (id, key) in ngrams.keys.enumerated() where key.high == 0 && key.low >> 32 == 0 {
      unigramOfToken[Int(key.low) - 1] = Int32(id)
    }
    self.unigramOfToken = unigramOfToken
  }

  /// Calls `body` with the n-gram id of every n-gram of `text` the lookup knows, in text order.
  @inline(__always)
  func forEachNGram(in text: String, tokenizer: Tokenizer, ids: inout [Int32], _ body: (Int32) -> Void) {
    ids.removeAll(keepingCapacity: true)
    tokenizer.forEachToken(in: text) { ids.append(tokens.find($0) ?? -1) }
    ids.withUnsafeBufferPointer { ids in
      for n in tokenizer.options.ngramRange where n <= ids.count {
        if n == 1 {
          for token in ids where token >= 0 {
            let id = unigramOfToken[Int(token)]
            if id >= 0 { body(id) }
          }
          continue
        }
        ngrams.prefetch(ids, length: n)
        for start in 0...(ids.count - n) {
          if let key = NGramKey.make(ids, start: start, length: n), let id = ngrams.find(key) {
            body(id)
          }
        }
      }
    }
  }
}
