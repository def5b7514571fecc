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

  /// Rebuilds the lookup from a sorted vocabulary of space-joined n-grams; the table slot of
  /// vocabulary entry `i` carries the tag `tagOfFeature[i]` (`NGramTable.find`) when given.
  convenience init(vocabulary: Vocabulary, tagOfFeature: [Int32]? = nil) {
    // Far fewer tokens than entries once n-grams are counted: the table grows as it fills (sized
    // by entries, a 1-2-gram model's took 128 MiB for 200,000 tokens).
    var tokens = ByteTable()
    var featureOfID: [Int32] = []
    featureOfID.reserveCapacity(vocabulary.count)
    var keys: [NGramKey] = []
    keys.reserveCapacity(vocabulary.count)
    var featureHasMark = [Bool](repeating: false, count: vocabulary.count)
    // A block of entries at a time: their tokens hashed and their slots prefetched before any is
    // interned (`ByteTable.gathering`). Interning token by token stalled on the table's slots for
    // a third of loading a 1-2-gram model.
    var block = EntryTokens()
    var batch = TokenBatch()
    var interned: [Int32] = []
    vocabulary.bytes.withUnsafeBufferPointer { bytes in
      featureHasMark.withUnsafeMutableBufferPointer { marks in
        for blockStart in stride(from: 0, to: vocabulary.count, by: EntryTokens.blockSize) {
          let entries = blockStart..<min(blockStart + EntryTokens.blockSize, vocabulary.count)
          batch.removeAll()
          tokens.gathering(into: &batch) { block.gather(entries, of: vocabulary, bytes: bytes, marks: marks, into: &$0) }
          interned.removeAll(keepingCapacity: true)
          tokens.internAll(batch, into: &interned)
          block.forEachKey(interned) { index, key in
            keys.append(key)
            featureOfID.append(Int32(index))
          }
        }
      }
    }
    // Distinct entries give distinct keys. Inserting them in prefetched batches overlaps the
    // cache misses of a large table: loading a 113 MB 1-2-gram model spent 44 % of its time here.
    let tags = tagOfFeature.map { tagOfFeature in featureOfID.map { tagOfFeature[Int($0)] } }
    var ngrams: NGramTable
    if keys.allSatisfy({ $0.high == 0 }) {
      ngrams = NGramTable(distinct: keys, tags: tags)
    } else {
      ngrams = NGramTable(capacity: keys.count)
      for (index, key) in keys.enumerated() { _ = ngrams.internSlot(key, tag: tags?[index] ?? 0) }
    }
    var unigramOfToken = [Int32](repeating: -1, count: tokens.count)
    for (id, key) in ngrams.keys.enumerated() where key.high == 0 && key.low >> 32 == 0 {
      unigramOfToken[Int(key.low) - 1] = Int32(id)
    }
    self.init(
      tokens: tokens, tables: [ngrams], idOffsets: [0], unigramOfToken: unigramOfToken, featureOfID: featureOfID,
      featureHasMark: featureHasMark)
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

  /// The n-gram with id `id`: its tokens joined by a space, as the vocabulary spells it.
  func ngram(id: Int) -> String {
    let shard = idOffsets.lastIndex { Int($0) <= id }!
    var bytes: [UInt8] = []
    tables[shard].keys[id - Int(idOffsets[shard])].forEachToken { token in
      if !bytes.isEmpty { bytes.append(0x20) }
      bytes.append(contentsOf: tokens.bytes(of: token))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the id of each token of `text` to `ids`, or -1 for a token the lookup does not
  /// know, in text order; `hot` holds frequent tokens of `tokens`, `batch` is scratch space.
  @inline(__always)
  func tokenIDs(
    in text: String, tokenizer: Tokenizer, hot: HotTokens, batch: inout TokenBatch, into ids: inout [Int32]
  ) {
    // The tokens are hashed as they come and looked up together (`ByteTable.gathering`).
    batch.removeAll()
    tokens.gathering(into: &batch, ids: &ids, hot: hot) { tokenizer.forEachToken(in: text, into: &$0) }
    tokens.findAll(batch, into: &ids)
  }

  /// Calls `body` with the n-gram id and slot tag of every `length`-gram (two tokens or more) of
  /// the token ids `ids` that the lookup knows, in order.
  @inline(__always)
  func forEachNGram(length: Int, of ids: UnsafeBufferPointer<Int32>, _ body: (_ id: Int32, _ tag: Int32) -> Void) {
    guard length <= ids.count else { return }
    if tables.count == 1 {
      let offset = idOffsets[0]
      tables[0].findAll(ids, length: length) { id, tag in body(id + offset, tag) }
      return
    }
    for (shard, table) in tables.enumerated() { table.prefetch(ids, length: length, shard: shard, shards: tables.count) }
    for start in 0...(ids.count - length) {
      if let key = NGramKey.make(ids, start: start, length: length) {
        let shard = NGramTable.shard(of: key, among: tables.count)
        if let (id, tag) = tables[shard].find(key) { body(id + idOffsets[shard], tag) }
      }
    }
  }
}

/// Where the tokens of a block of vocabulary entries sit among the block's gathered tokens, for
/// `FeatureLookup.init(vocabulary:tagOfFeature:)`.
private struct EntryTokens {
  static let blockSize = 1024
  private static let maximumNgram = FeatureOptions.maximumNgram
  /// Entry `i` of the block: its token count, and its first tokens' places among those gathered.
  private var counts = [Int](repeating: 0, count: blockSize)
  private var places = [Int](repeating: 0, count: blockSize * maximumNgram)
  private var entries = 0..<0

  /// Splits the space-joined entries `entries` (at most `blockSize`) into tokens, hands the
  /// tokens to `gatherer` and notes which hold a punctuation mark in `marks`. Sorted entries share
  /// their first token in runs ("new", "new york", "new zealand"): a run's is gathered once.
  mutating func gather(
    _ entries: Range<Int>, of vocabulary: Vocabulary, bytes: UnsafeBufferPointer<UInt8>,
    marks: UnsafeMutableBufferPointer<Bool>, into gatherer: inout ByteTable.Gatherer
  ) {
    self.entries = entries
    var gathered = 0
    var run = (start: 0, count: 0, place: -1)
    counts.withUnsafeMutableBufferPointer { counts in
      places.withUnsafeMutableBufferPointer { places in
        for index in entries {
          let first = (index - entries.lowerBound) * Self.maximumNgram
          var count = 0
          var start = vocabulary.starts[index]
          let end = vocabulary.starts[index + 1]
          for tokenEnd in start...end where tokenEnd == end || bytes[tokenEnd] == 0x20 {
            let token = UnsafeBufferPointer(rebasing: bytes[start..<tokenEnd])
            if token.count == 1 && Tokenizer.isMarkByte(token[0]) { marks[index] = true }
            // An entry that no tokenizer could produce (too long) can never match: it gets no key.
            if count < Self.maximumNgram {
              if count > 0 || run.place < 0 || !Self.equal(token, bytes, at: run.start, count: run.count) {
                gatherer.token(token)
                if count == 0 { run = (start, token.count, gathered) }
                gathered += 1
              }
              places[first + count] = count == 0 ? run.place : gathered - 1
            }
            count += 1
            start = tokenEnd + 1
          }
          counts[index - entries.lowerBound] = count
        }
      }
    }
  }

  /// Whether `token` is the `count` bytes of `bytes` at `start` (the generic `elementsEqual`
  /// took a tenth of loading a 1-2-gram model).
  @inline(__always)
  private static func equal(_ token: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, count: Int) -> Bool {
    guard token.count == count else { return false }
    for offset in 0..<count where token[offset] != bytes[start + offset] { return false }
    return true
  }

  /// Calls `body` with the vocabulary index and key of each entry of the block, in order, given
  /// the ids of the gathered tokens.
  func forEachKey(_ ids: [Int32], _ body: (Int, NGramKey) -> Void) {
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.maximumNgram) { key in
      for index in entries where counts[index - entries.lowerBound] <= Self.maximumNgram {
        let count = counts[index - entries.lowerBound]
        let first = (index - entries.lowerBound) * Self.maximumNgram
        for token in 0..<count { key[token] = ids[places[first + token]] }
        if let made = NGramKey.make(UnsafeBufferPointer(rebasing: key[..<count]), start: 0, length: count) {
          body(index, made)
        }
      }
    }
  }
}
