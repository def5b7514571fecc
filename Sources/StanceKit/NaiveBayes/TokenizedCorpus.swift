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
  /// depend on `jobs`. Each thread fills its own token table, and the tables merge in order.
  init(_ examples: [TrainingExample], labels: [String], tokenizer: Tokenizer, jobs: Int) {
    let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
    labelOfDocument = examples.map { labelIndex[$0.label]! }
    let slices = max(1, min(jobs, examples.count))
    var parts = Parallel.map(count: slices, jobs: slices) { part in
      var slice = Slice()
      let run = examples[(part * examples.count / slices)..<((part + 1) * examples.count / slices)]
      // Every token takes at least one byte of text: room for that many ids is address space
      // only until used, and the ids never move while they grow.
      slice.ids.reserveCapacity(run.reduce(0) { $0 + $1.text.utf8.count })
      slice.starts.reserveCapacity(run.count + 1)
      // A document's tokens are gathered, then interned together (`ByteTable.gathering`).
      var batch = TokenBatch()
      slice.digest = NaiveBayesCounts.digestSum(of: run)
      for example in run {
        batch.removeAll()
        slice.tokens.gathering(into: &batch) { tokenizer.forEachToken(in: example.text, $0) }
        slice.tokens.internAll(batch, into: &slice.ids)
        slice.starts.append(slice.ids.count)
      }
      return slice
    }
    tokens = parts[0].tokens
    ids = parts[0].ids
    starts = parts[0].starts
    digest = parts[0].digest
    for index in parts.indices.dropFirst() {
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
