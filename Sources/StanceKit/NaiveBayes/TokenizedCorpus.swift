/// Training documents as token ids over one token table, with their label indices and digest.
///
/// Counting reads each document once per n-gram length (or once per shard); tokenising up
/// front, on several threads when asked, makes those reads passes over integers.
struct TokenizedCorpus {
  /// Every distinct token, ids in order of first occurrence over the documents.
  var tokens: ByteTable
  /// Document `d`'s tokens are `ids[starts[d]..<starts[d + 1]]`.
  var ids: [Int32]
  var starts: [Int]
  /// Label index of each document.
  var labelOfDocument: [Int32]
  /// The sum of `NaiveBayesCounts.digest(of:)` over the documents.
  var digest: UInt64

  var documentCount: Int { labelOfDocument.count }

  /// Per token id: whether the token is a punctuation mark (its n-grams count once, `PassageCounting`).
  var tokenIsMark: [Bool] {
    (0..<tokens.count).map { id in tokens.bytes(of: id).withUnsafeBufferPointer(Tokenizer.isMark) }
  }

  /// Tokenises `examples` (labels among `labels`) on up to `jobs` threads; the result does not
  /// depend on `jobs`.
  init(_ examples: [TrainingExample], labels: [String], tokenizer: Tokenizer, jobs: Int) {
    self.init()
    let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
    append(examples, labelIndex: labelIndex, tokenizer: tokenizer, jobs: jobs)
  }

  /// An empty corpus.
  init() {
    tokens = ByteTable(capacity: 1 << 14)
    ids = []
    starts = [0]
    labelOfDocument = []
    digest = 0
  }

  /// Makes room for the ids of `textBytes` more bytes of text (a token takes at least one), so
  /// that appending them never moves the ids: address space only until used.
  mutating func reserveCapacity(textBytes: Int) {
    ids.reserveCapacity(ids.count + textBytes)
  }

  /// Label indices `order[i]` in place of `i`.
  mutating func relabel(_ order: [Int32]) {
    for document in labelOfDocument.indices { labelOfDocument[document] = order[Int(labelOfDocument[document])] }
  }

  /// Tokenises `examples` onto the end, each labelled `labelIndex[label]`, on up to `jobs`
  /// threads; the result does not depend on `jobs`, nor on how documents were split between
  /// calls. Each thread fills its own token table, and the tables merge in order.
  mutating func append(_ examples: [TrainingExample], labelIndex: [String: Int32], tokenizer: Tokenizer, jobs: Int) {
    labelOfDocument += examples.map { labelIndex[$0.label]! }
    let slices = max(1, min(jobs, examples.count))
    if slices == 1 {
      // Every token takes at least one byte of text: room for that many ids is address space
      // only until used, and the ids never move while they grow.
      let textBytes = examples.reduce(0) { $0 + $1.text.utf8.count }
      if ids.capacity - ids.count < textBytes { ids.reserveCapacity(max(ids.count + textBytes, 2 * ids.capacity)) }
      Slice.tokenize(examples[...], tokenizer: tokenizer, tokens: &tokens, ids: &ids, starts: &starts, digest: &digest)
      return
    }
    var parts = Parallel.map(count: slices, jobs: slices) { part in
      var slice = Slice()
      let run = examples[(part * examples.count / slices)..<((part + 1) * examples.count / slices)]
      slice.ids.reserveCapacity(run.reduce(0) { $0 + $1.text.utf8.count })
      slice.starts.reserveCapacity(run.count + 1)
      slice.tokenize(run, tokenizer: tokenizer)
      return slice
    }
    if starts.count == 1 {  // no documents yet: the first thread's table is the corpus's
      (tokens, ids, starts, digest) = (parts[0].tokens, parts[0].ids, parts[0].starts, parts[0].digest)
      parts[0] = Slice()
    }
    for index in parts.indices where parts[index].starts.count > 1 {
      let local = parts[index].tokens
      let global = (0..<local.count).map { id in local.bytes(of: id).withUnsafeBufferPointer { tokens.intern($0) } }
      let offset = ids.count
      ids.append(contentsOf: parts[index].ids.lazy.map { global[Int($0)] })
      starts.append(contentsOf: parts[index].starts.dropFirst().lazy.map { $0 + offset })
      digest = digest &+ parts[index].digest
      parts[index] = Slice()
    }
  }

  /// One thread's run of documents, tokenised into its own table.
  private struct Slice: Sendable {
    var tokens = ByteTable(capacity: 1 << 14)
    var ids: [Int32] = []
    var starts = [0]
    var digest: UInt64 = 0

    mutating func tokenize(_ run: ArraySlice<TrainingExample>, tokenizer: Tokenizer) {
      Self.tokenize(run, tokenizer: tokenizer, tokens: &tokens, ids: &ids, starts: &starts, digest: &digest)
    }

    /// Tokenises `run` onto the end of `tokens`, `ids`, `starts` and `digest`.
    static func tokenize(
      _ run: ArraySlice<TrainingExample>, tokenizer: Tokenizer, tokens: inout ByteTable, ids: inout [Int32],
      starts: inout [Int], digest: inout UInt64
    ) {
      // A document's tokens are gathered, then interned together (`ByteTable.gathering`).
      var batch = TokenBatch()
      digest = digest &+ NaiveBayesCounts.digestSum(of: run)
      for example in run {
        batch.removeAll()
        tokens.gathering(into: &batch) { tokenizer.forEachToken(in: example.text, into: &$0) }
        tokens.internAll(batch, into: &ids)
        starts.append(ids.count)
      }
    }
  }

  /// Calls `body` with each document's token ids and label index, in order.
  func forEachDocument(in documents: Range<Int>? = nil, _ body: (UnsafeBufferPointer<Int32>, Int32) -> Void) {
    ids.withUnsafeBufferPointer { ids in
      for document in documents ?? 0..<documentCount {
        body(UnsafeBufferPointer(rebasing: ids[starts[document]..<starts[document + 1]]), labelOfDocument[document])
      }
    }
  }
}
