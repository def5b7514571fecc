/// Maps token bytes and n-grams to vocabulary indices: the "dictionary" half of a model.
final class FeatureLookup: Sendable {
  /// Interned tokens.
  let tokens: ByteTable
  /// Interned n-grams over token ids: one table, or the shards training split them into
  /// (`NGramTable.shard(of:among:)`), whose ids start at `idOffsets`.
  let tables: [NGramTable]
  let idOffsets: [Int32]
  /// Vocabulary index of each n-gram id.
  let featureOfID: [Int32]
  /// Per vocabulary index: whether the n-gram holds a punctuation mark (`PassageCounting`).
  let featureHasMark: [Bool]
  /// The n-gram id of each token's unigram, or -1: unigrams skip the large n-gram table.
  let unigramOfToken: [Int32]

  /// Rebuilds the lookup from a sorted vocabulary of space-joined n-grams.
  convenience init(vocabulary: Vocabulary) {
    var tokens = ByteTable(capacity: vocabulary.count)
    var ngrams = NGramTable(capacity: vocabulary.count)
    var featureOfID: [Int32] = []
    featureOfID.reserveCapacity(vocabulary.count)
    var keys: [NGramKey] = []
    keys.reserveCapacity(vocabulary.count)
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
        keys.append(key)
        featureOfID.append(Int32(index))
      }
    }
    // Distinct entries give distinct keys. Inserting them in prefetched batches overlaps the
    // cache misses of a large table: loading a 113 MB 1-2-gram model spent 44 % of its time here.
    if keys.allSatisfy({ $0.high == 0 }) {
      ngrams.insertNew(keys)
    } else {
      for key in keys { _ = ngrams.intern(key) }
    }
    var unigramOfToken = [Int32](repeating: -1, count: tokens.count)
    for (id, key) in ngrams.keys.enumerated() where key.high == 0 && key.low >> 32 == 0 {
      unigramOfToken[Int(key.low) - 1] = Int32(id)
    }
    self.init(
      tokens: tokens, tables: [ngrams], idOffsets: [0], unigramOfToken: unigramOfToken, featureOfID: featureOfID,
      featureHasMark: vocabulary.indices.map { Tokenizer.containsMark(ngram: vocabulary.utf8($0)) })
  }

  init(
    tokens: ByteTable, tables: [NGramTable], idOffsets: [Int32], unigramOfToken: [Int32], featureOfID: [Int32],
    featureHasMark: [Bool]
  ) {
    precondition(!tables.isEmpty && tables.count == idOffsets.count && unigramOfToken.count == tokens.count)
    self.tokens = tokens
    self.tables = tables
    self.idOffsets = idOffsets
    self.unigramOfToken = unigramOfToken
    self.featureOfID = featureOfID
    self.featureHasMark = featureHasMark
  }

  /// Calls `body` with the n-gram id of every n-gram of `text` the lookup knows, in text order.
  @inline(__always)
  func forEachNGram(in text: String, tokenizer: Tokenizer, ids: inout [Int32], _ body: (Int32) -> Void) {
    ids.removeAll(keepingCapacity: true)
    // The tokens are gathered first and looked up together (`ByteTable.findAll`).
    var arena: [UInt8] = []
    arena.reserveCapacity(text.utf8.count + 16)
    var ends: [Int] = []
    ends.reserveCapacity(text.utf8.count / 3 + 1)
    tokenizer.forEachToken(in: text) { token in
      arena.append(contentsOf: token)
      ends.append(arena.count)
    }
    arena.withUnsafeBufferPointer { tokens.findAll(arena: $0, ends: ends, into: &ids) }
    ids.withUnsafeBufferPointer { ids in
      for n in tokenizer.options.ngramRange where n <= ids.count {
        if n == 1 {
          for token in ids where token >= 0 {
            let id = unigramOfToken[Int(token)]
            if id >= 0 { body(id) }
          }
          continue
        }
        for (shard, table) in tables.enumerated() { table.prefetch(ids, length: n, shard: shard, shards: tables.count) }
        for start in 0...(ids.count - n) {
          if let key = NGramKey.make(ids, start: start, length: n) {
            let shard = NGramTable.shard(of: key, among: tables.count)
            if let id = tables[shard].find(key) { body(id + idOffsets[shard]) }
          }
        }
      }
    }
  }
}
