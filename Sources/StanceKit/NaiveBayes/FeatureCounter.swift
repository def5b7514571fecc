/// Counts n-gram features per label while interning tokens and n-grams to integer ids.
///
/// Training can split the work: shard `s` of `k` reads every document but counts only the
/// n-grams `NGramTable.shard(of:among:)` assigns to it (unigrams by token id), so shards share
/// nothing while they run; `finish(_:)` joins them into the counts one counter would give.
struct FeatureCounter {
  let options: TrainingOptions
  let labels: [String]
  private let labelIndex: [String: Int]
  private let tokenizer: Tokenizer
  private var tokens = ByteTable(capacity: 1 << 14)
  private var ngrams = NGramTable(capacity: 1 << 15)
  /// Per n-gram id: its most recently counted cell in `cells` (or -1) and which labels have a
  /// cell. Each n-gram's cells form a list, most recent label first, so a run of one label's
  /// documents finds its cell at once, and the label set says when a walk would find nothing.
  private var head: [Head] = []
  /// Sparse (n-gram, label) counts: a dense n-grams × labels array was most of training's memory.
  private var cells: [Cell] = []
  /// Per n-gram id: whether it holds a punctuation mark (`PassageCounting`).
  private var ngramHasMark: [Bool] = []
  /// Per token id: its unigram's n-gram id (or -1), and the unigram's tag (as the table's tags).
  private var unigramOfToken: [Int32] = []
  private var unigramTags: [Int32] = []
  /// Per token id: whether it is a one-character punctuation mark.
  private var tokenIsMark: [Bool] = []

  private var documentCounts: [Double]
  private var exampleCount: UInt64 = 0
  private var digest: UInt64 = 0
  private var scratch: [Int32] = []
  /// The n-gram ids the current document counts, in text order.
  private var counted: [Int32] = []
  /// With `recordsDocuments`: the n-gram ids each document counted, in text order (an n-gram
  /// counted by presence appears once per document).
  private(set) var occurrences: [Int32] = []
  /// With `recordsDocuments`: each document's `NaiveBayesCounts.digest(of:)`.
  private(set) var documentDigests: [UInt64] = []
  /// With `recordsDocuments`: where each document's ids start in `occurrences` (one more than documents).
  private(set) var documentStarts: [Int] = [0]
  private let recordsDocuments: Bool
  private let shard: Int
  private let shards: Int

  init(options: TrainingOptions, labels: [String], recordsDocuments: Bool = false, shard: Int = 0, shards: Int = 1) {
    precondition(shard >= 0 && shard < shards && (shards == 1 || !recordsDocuments), "bad shard")
    self.recordsDocuments = recordsDocuments
    self.shard = shard
    self.shards = shards
    self.options = options
    self.labels = labels
    self.labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    self.tokenizer = Tokenizer(options: options.features)
    self.documentCounts = Array(repeating: 0, count: labels.count)
  }

  /// Tags before any document counted the n-gram. A tag is the last document that counted it, or
  /// `-2 - document` for an n-gram holding a mark: a negative tag says it counts once per passage.
  private static let neverSeen: Int32 = Int32.max
  private static let markNeverSeen: Int32 = -1

  /// Adds one example; its label must be one of `labels`.
  mutating func add(_ example: TrainingExample) {
    if shard == 0 {
      let exampleDigest = NaiveBayesCounts.digest(of: example)
      digest = digest &+ exampleDigest
      if recordsDocuments { documentDigests.append(exampleDigest) }
    }
    scratch.removeAll(keepingCapacity: true)
    tokenizer.forEachToken(in: example.text) { bytes in
      let id = tokens.intern(bytes)
      if Int(id) == tokenIsMark.count { tokenIsMark.append(Tokenizer.isMark(bytes)) }
      scratch.append(id)
    }
    let ids = scratch
    ids.withUnsafeBufferPointer { add(ids: $0, label: labelIndex[example.label]!) }
  }

  /// Adds one document given as ids of `tokens`, with label index `label`.
  private mutating func add(ids: UnsafeBufferPointer<Int32>, label: Int) {
    let document = Int32(truncatingIfNeeded: exampleCount)
    exampleCount += 1
    documentCounts[label] += 1
    counted.removeAll(keepingCapacity: true)
    let counting = PassageCounting(options: options)
    let range = options.features.ngramRange
    for n in range where n <= ids.count {
      if n > 1 { ngrams.prefetch(ids, length: n, shard: shard, shards: shards) }
      for start in 0...(ids.count - n) {
        let key = NGramKey.make(ids, start: start, length: n)!
        if shards > 1 {
          let mine = n == 1 ? Int(ids[start]) % shards == shard : NGramTable.shard(of: key, among: shards) == shard
          if !mine { continue }
        }
        // Unigrams are found through their token (a small array that stays in cache); longer
        // n-grams through the table, whose slot holds their tag.
        let id: Int32
        let inserted: Bool
        var slot = -1
        var last: Int32
        if n == 1 {
          let token = Int(ids[start])
          if token >= unigramOfToken.count {
            // Other shards' tokens leave gaps; they stay -1.
            let missing = token + 1 - unigramOfToken.count
            unigramOfToken.append(contentsOf: repeatElement(-1, count: missing))
            unigramTags.append(contentsOf: repeatElement(Self.neverSeen, count: missing))
          }
          inserted = unigramOfToken[token] < 0
          if inserted { unigramOfToken[token] = ngrams.intern(key).id }
          id = unigramOfToken[token]
          last = unigramTags[token]
        } else {
          (id, slot, inserted) = ngrams.internSlot(key, tag: Self.neverSeen)
          last = ngrams.tag(at: slot)
        }
        if inserted {
          head.append(Head(cell: -1, labels: 0))
          let hasMark = PassageCounting.holdsMark(ids, start: start, length: n, tokenIsMark: tokenIsMark)
          ngramHasMark.append(hasMark)
          if hasMark { last = Self.markNeverSeen }
        }
        if counting.countsOnce(holdingMark: last < 0) {
          if last == document || last == -2 - document { continue }
          last = last < 0 ? -2 - document : document
        }
        if n == 1 { unigramTags[Int(ids[start])] = last } else { ngrams.setTag(last, at: slot) }
        counted.append(id)
      }
    }
    if recordsDocuments { occurrences.append(contentsOf: counted) }
    count(label: Int32(label))
    if recordsDocuments { documentStarts.append(occurrences.count) }
  }

  private struct Cell {
    var count: Double
    var label: Int32
    var next: Int32
    var feature: Int32
  }

  private struct Head {
    var cell: Int32
    /// Bit `l` for label `l` below 63; bit 63 for any label from 63 on.
    var labels: UInt64
  }

  /// Adds one under `label` to each n-gram of `counted`.
  private mutating func count(label: Int32) {
    // Heads and cells of a million n-grams miss the cache: load them all first (`KeptLoads`).
    var heads = KeptLoads(atLeast: -1)
    var firstCells = KeptLoads(atLeast: 0)
    head.withUnsafeBufferPointer { head in
      for id in counted { heads.keep(head[Int(id)].cell) }
      cells.withUnsafeBufferPointer { cells in
        for id in counted where head[Int(id)].cell >= 0 {
          firstCells.keep(cells[Int(head[Int(id)].cell)].label)
        }
      }
    }
    heads.check("corrupt count lists")
    firstCells.check("corrupt count lists")
    for index in counted.indices { increment(Int(counted[index]), label: label) }
  }

  /// Adds one to n-gram `feature`'s count under `label`, moving its cell to the front of the list.
  @inline(__always)
  private mutating func increment(_ feature: Int, label: Int32) {
    let entry = head[feature]
    let first = entry.cell
    if first >= 0 && cells[Int(first)].label == label {
      cells[Int(first)].count += 1
      return
    }
    let bit: UInt64 = 1 << UInt64(min(label, 63))
    if entry.labels & bit != 0 {
      var previous = first
      var cell = first >= 0 ? cells[Int(first)].next : -1
      while cell >= 0 {
        if cells[Int(cell)].label == label {
          cells[Int(cell)].count += 1
          cells[Int(previous)].next = cells[Int(cell)].next
          cells[Int(cell)].next = first
          head[feature].cell = cell
          return
        }
        previous = cell
        cell = cells[Int(cell)].next
      }
    }
    head[feature] = Head(cell: Int32(cells.count), labels: entry.labels | bit)
    cells.append(Cell(count: 1, label: label, next: first, feature: Int32(feature)))
  }

  /// How `count(_:labels:options:jobs:method:)` counts.
  enum Method {
    /// Sorting (`SortedCounting`) where it applies, otherwise hashing.
    case automatic
    /// Hash tables, sharded over the threads: the reference the sorting path is tested against.
    case hashing
  }

  /// Counts `examples` on `jobs` threads; the result depends neither on `jobs` nor on `method`.
  ///
  /// The documents are tokenised first (`TokenizedCorpus`). Unigrams and bigrams are then
  /// counted by sorting; longer n-grams by hashing, each thread counting one hash shard of the
  /// n-grams over all documents.
  static func count(
    _ examples: [TrainingExample], labels: [String], options: TrainingOptions, jobs: Int = 1,
    method: Method = .automatic
  ) -> (counts: NaiveBayesCounts, lookup: FeatureLookup) {
    let corpus = TokenizedCorpus(examples, labels: labels, tokenizer: Tokenizer(options: options.features), jobs: jobs)
    return count(consume corpus, labels: labels, options: options, jobs: jobs, method: method)
  }

  /// Counts the documents of `corpus`, whose label indices point into `labels`, as above.
  static func count(
    _ corpus: consuming TokenizedCorpus, labels: [String], options: TrainingOptions, jobs: Int = 1,
    method: Method = .automatic
  ) -> (counts: NaiveBayesCounts, lookup: FeatureLookup) {
    if method == .automatic, let layout = SortedCounting.Layout(corpus, labelCount: labels.count, options: options) {
      let sorted = SortedCounting.count(
        consume corpus, labels: labels, options: options, layout: layout, jobs: jobs, lookup: true)
      return (sorted.counts, sorted.lookup!)
    }
    let shards = max(1, min(jobs, 64))
    let corpus = copy corpus
    let tokenIsMark = corpus.tokenIsMark
    var counters = Parallel.map(count: shards, jobs: shards) { shard in
      var counter = FeatureCounter(options: options, labels: labels, shard: shard, shards: shards)
      counter.tokens = corpus.tokens
      counter.tokenIsMark = tokenIsMark
      corpus.forEachDocument { ids, label in counter.add(ids: ids, label: Int(label)) }
      return counter
    }
    counters[0].digest = corpus.digest
    return finish(counters)
  }

  /// The counts of `corpus` alone, as `count` gives them; counted by sorting, they come without
  /// building a lookup, which writing a model never needs.
  static func counts(
    _ corpus: consuming TokenizedCorpus, labels: [String], options: TrainingOptions, jobs: Int
  ) -> NaiveBayesCounts {
    if let layout = SortedCounting.Layout(corpus, labelCount: labels.count, options: options) {
      return SortedCounting.count(
        consume corpus, labels: labels, options: options, layout: layout, jobs: jobs, lookup: false
      ).counts
    }
    return count(consume corpus, labels: labels, options: options, jobs: jobs, method: .hashing).counts
  }

  /// The counts with a sorted vocabulary, and the lookup that matches it.
  func finish() -> (counts: NaiveBayesCounts, lookup: FeatureLookup) {
    Self.finish([self])
  }

  /// The counts of shards `0..<parts.count` together, with a sorted vocabulary, and the lookup.
  static func finish(_ parts: [FeatureCounter]) -> (counts: NaiveBayesCounts, lookup: FeatureLookup) {
    // Shard s's n-gram ids become offsets[s] + id in one id space.
    var offsets: [Int32] = [0]
    for part in parts { offsets.append(offsets[offsets.count - 1] + Int32(part.ngrams.count)) }
    let first = parts[0]
    let tokens = first.tokens
    let keys = parts.count == 1 ? first.ngrams.keys : parts.flatMap(\.ngrams.keys)
    let ngramHasMark = parts.count == 1 ? first.ngramHasMark : parts.flatMap(\.ngramHasMark)
    var cells = first.cells
    // Tokens never counted as unigrams (n-gram ranges from 2, other shards' tokens) map to -1.
    var unigramOfToken = first.unigramOfToken
    unigramOfToken.append(contentsOf: repeatElement(-1, count: tokens.count - unigramOfToken.count))
    if parts.count > 1 {
      cells = []
      for (part, offset) in zip(parts, offsets) {
        cells.append(contentsOf: part.cells.lazy.map { Cell(count: $0.count, label: $0.label, next: -1, feature: $0.feature + offset) })
      }
      unigramOfToken = (0..<tokens.count).map { token in
        let part = parts[token % parts.count]
        let id = token < part.unigramOfToken.count ? part.unigramOfToken[token] : -1
        return id < 0 ? -1 : id + offsets[token % parts.count]
      }
    }
    let labels = first.labels
    let options = first.options
    // N-grams sort by bytes exactly as their token sequences sort by the tokens' byte order:
    // the joining space is below every byte a token holds, so a token that is a prefix of
    // another sorts first either way. Ranking the (few) tokens and radix-sorting n-grams by
    // their rank tuples avoids comparing a million strings.
    let tokenRanks = tokens.byteOrderRanks()
    func rank(_ lane: UInt64) -> UInt64 { lane == 0 ? 0 : UInt64(tokenRanks[Int(lane) - 1]) + 1 }
    let longest = options.features.ngramRange.upperBound
    // Rank 0 marks a missing token, so ranks run to `tokens.count` and need `bits` bits each.
    let bits = UInt64(Int.bitWidth - tokens.count.leadingZeroBitCount)
    var secondary: [Int]? = nil
    if longest > 2 {
      secondary = ByteOrder.sortedByKey(keys.map { rank($0.high & 0xFFFF_FFFF) << bits | rank($0.high >> 32) })
    }
    let order = ByteOrder.sortedByKey(
      keys.map { rank($0.low & 0xFFFF_FFFF) << bits | rank($0.low >> 32) }, order: secondary)
    let size = order.count
    var featureOfID = [Int32](repeating: 0, count: size)
    for (position, id) in order.enumerated() { featureOfID[id] = Int32(position) }
    let featureHasMark = order.map { ngramHasMark[$0] }
    // The vocabulary's bytes and the count rows depend only on the order: with several shards,
    // build them on two threads.
    let frozenFeatureOfID = featureOfID
    let frozenCells = cells
    let (vocabulary, (rowStarts, cellLabels, cellCounts)) = Parallel.both(
      concurrently: parts.count > 1,
      { Vocabulary(ngrams: order.map { keys[$0] }, tokens: tokens) },
      { rowsInOrder(frozenCells, featureOfID: frozenFeatureOfID) })
    assert(vocabulary.firstUnsorted() == nil, "n-gram order differs from byte order")
    let counts = NaiveBayesCounts(
      labels: labels, vocabulary: vocabulary, documentCounts: first.documentCounts, rowStarts: rowStarts,
      cellLabels: cellLabels, cellCounts: cellCounts, exampleCount: first.exampleCount, digest: first.digest)
    let lookup = FeatureLookup(
      tokens: tokens, tables: parts.map(\.ngrams), idOffsets: Array(offsets.dropLast()),
      unigramOfToken: unigramOfToken, featureOfID: featureOfID, featureHasMark: featureHasMark)
    return (counts, lookup)
  }

  /// The cells as feature-major rows over sorted positions, labels ascending within a row.
  private static func rowsInOrder(_ cells: [Cell], featureOfID: [Int32]) -> ([Int], [Int32], [Double]) {
    let size = featureOfID.count
    // Cells were appended as counting first met each (n-gram, label): bucket them into rows by
    // the n-gram's sorted position, in one pass that reads them in order.
    var rowStarts = [Int](repeating: 0, count: size + 1)
    var cellLabels = [Int32](repeating: 0, count: cells.count)
    var cellCounts = [Double](repeating: 0, count: cells.count)
    cells.withUnsafeBufferPointer { cells in
      featureOfID.withUnsafeBufferPointer { featureOfID in
        rowStarts.withUnsafeMutableBufferPointer { rowStarts in
          for cell in cells { rowStarts[Int(featureOfID[Int(cell.feature)]) + 1] += 1 }
          for position in 0..<size { rowStarts[position + 1] += rowStarts[position] }
        }
        var next = rowStarts
        next.withUnsafeMutableBufferPointer { next in
          cellLabels.withUnsafeMutableBufferPointer { cellLabels in
            cellCounts.withUnsafeMutableBufferPointer { cellCounts in
              for cell in cells {
                let position = Int(featureOfID[Int(cell.feature)])
                cellLabels[next[position]] = cell.label
                cellCounts[next[position]] = cell.count
                next[position] += 1
              }
            }
          }
        }
      }
    }
    // A row's cells are in the order their labels first appeared; sort the rows that need it.
    for position in 0..<size where rowStarts[position + 1] - rowStarts[position] > 1 {
      for index in (rowStarts[position] + 1)..<rowStarts[position + 1] {
        var slot = index
        while slot > rowStarts[position] && cellLabels[slot - 1] > cellLabels[slot] {
          cellLabels.swapAt(slot, slot - 1)
          cellCounts.swapAt(slot, slot - 1)
          slot -= 1
        }
      }
    }
    return (rowStarts, cellLabels, cellCounts)
  }
}
