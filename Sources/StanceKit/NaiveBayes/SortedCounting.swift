/// Counts unigrams and bigrams by sorting their occurrences instead of hashing them.
///
/// Each counted occurrence becomes one integer: its tokens' byte-order ranks (plus one, so 0
/// means "no second token"), then its label index. Sorted, these integers put equal n-grams side
/// by side in vocabulary order, labels ascending within each, so a scan of the runs gives
/// `NaiveBayesCounts`' rows exactly as they are stored, and the vocabulary needs no sort of its
/// own (rank tuples order n-grams as their bytes do; see `FeatureCounter.finish`). The integers
/// go straight into buckets by their bits above the low 32, which the first token's rank alone
/// decides (so how often a token occurs bounds its bucket); only the low 32 bits are stored, and
/// each bucket is radix-sorted on its own, in cache. Counting through hash tables cost two or
/// three cache misses per occurrence once the n-grams outgrew the caches (20 Newsgroups has a
/// million); the sort streams through memory.
/// Counts, vocabulary and lookup equal `FeatureCounter`'s, which the tests check.
enum SortedCounting {
  /// Occurrence keys held at once (4 bytes each): buckets are filled and sorted this many at a
  /// time, in passes over the documents, so the keys never all sit in memory beside the ids.
  static let passKeys = 1 << 24

  /// The counts and lookup of `corpus`, or nil when an n-gram can be longer than two tokens or
  /// a rank and a label do not fit in the 32 bits each bucket keeps.
  static func count(
    _ corpus: consuming TokenizedCorpus, labels: [String], options: TrainingOptions, jobs: Int,
    passKeys: Int = SortedCounting.passKeys
  ) -> (counts: NaiveBayesCounts, lookup: FeatureLookup)? {
    guard let layout = Layout(corpus, labelCount: labels.count, options: options) else { return nil }
    let sorted = count(
      consume corpus, labels: labels, options: options, layout: layout, jobs: jobs, passKeys: passKeys, lookup: true)
    return (sorted.counts, sorted.lookup!)
  }

  /// The counts of `corpus`, whose ranks and labels fit `layout`, and the lookup when asked for:
  /// writing a model never needs it, and for 200 MB of 1-2-grams it took 0.14 s and 140 MB of
  /// the peak.
  /// The corpus goes once its occurrences are read off, so what follows takes its ids' pages.
  static func count(
    _ corpus: consuming TokenizedCorpus, labels: [String], options: TrainingOptions, layout: Layout, jobs: Int,
    passKeys: Int = SortedCounting.passKeys, lookup: Bool
  ) -> (counts: NaiveBayesCounts, lookup: FeatureLookup?) {
    let tokens = corpus.tokens
    let ranks = tokens.byteOrderRanks()
    let tokenIsMark = corpus.tokenIsMark
    var documentCounts = [Double](repeating: 0, count: labels.count)
    for label in corpus.labelOfDocument { documentCounts[Int(label)] += 1 }
    let (documentCount, digest) = (corpus.documentCount, corpus.digest)
    let (ngrams, rowStarts, cellLabels, cellCounts) = rows(
      of: consume corpus, ranks: ranks, tokenIsMark: tokenIsMark, options: options, layout: layout, jobs: jobs,
      passKeys: passKeys)

    var tokenOfRank = [Int](repeating: 0, count: tokens.count)
    for (id, rank) in ranks.enumerated() { tokenOfRank[Int(rank)] = id }
    // Each feature as token ids.
    let keys = ngrams.map { ngram -> NGramKey in
      let first = UInt64(tokenOfRank[Int(ngram >> UInt64(layout.tokenBits)) - 1] + 1)
      let second = ngram & layout.tokenMask
      return NGramKey(low: second == 0 ? first : first | UInt64(tokenOfRank[Int(second) - 1] + 1) << 32, high: 0)
    }
    let wantsLookup = lookup
    let (vocabulary, lookup) = Parallel.both(
      concurrently: jobs > 1 && wantsLookup,
      { Vocabulary(ngrams: keys, tokens: tokens) },
      { wantsLookup ? self.lookup(keys, tokens: tokens, tokenIsMark: tokenIsMark) : nil })
    assert(vocabulary.firstUnsorted() == nil, "n-gram order differs from byte order")
    let counts = NaiveBayesCounts(
      labels: labels, vocabulary: vocabulary, documentCounts: documentCounts, rowStarts: rowStarts,
      cellLabels: cellLabels, cellCounts: cellCounts, exampleCount: UInt64(documentCount), digest: digest)
    return (counts, lookup)
  }

  /// How an occurrence packs into 64 bits: first rank, second rank, label, from high to low.
  struct Layout: Sendable {
    var tokenBits: Int
    var labelBits: Int
    var tokenMask: UInt64 { (1 << UInt64(tokenBits)) - 1 }
    var labelMask: UInt64 { (1 << UInt64(labelBits)) - 1 }
    /// The bits above the low 32, which number the buckets.
    var bucketBits: Int { max(0, 2 * tokenBits + labelBits - 32) }
    /// The bucket of occurrences whose first token has rank (plus one) `rank`.
    func bucket(ofFirst rank: UInt64) -> Int { Int(truncatingIfNeeded: (rank << UInt64(tokenBits + labelBits)) >> 32) }
    /// The first rank (plus one) whose occurrences fall in `bucket`.
    func firstRank(ofBucket bucket: Int) -> Int { bucket << (32 - tokenBits - labelBits) }

    /// The layout of `corpus`'s occurrences, or nil when sorting cannot count them.
    init?(_ corpus: borrowing TokenizedCorpus, labelCount: Int, options: TrainingOptions) {
      // Ranks plus one run to the token count.
      tokenBits = Int.bitWidth - corpus.tokens.count.leadingZeroBitCount
      labelBits = max(1, Int.bitWidth - (labelCount - 1).leadingZeroBitCount)
      // The low 32 bits must hold the second rank and the label, so the first rank alone picks the
      // bucket (and the whole occurrence fits in 64 bits).
      guard options.features.ngramRange.upperBound <= 2, tokenBits + labelBits <= 32 else { return nil }
    }
  }

  /// One run of documents' occurrences in one pass: bucket `first + b` holds the low 32 bits of
  /// its occurrences in `keys[starts[b]..<ends[b]]` (`starts[b + 1]` bounds it).
  private struct Occurrences: Sendable {
    var keys: [UInt32]
    var starts: [Int]
    var ends: [Int]
  }

  /// The n-grams (rank pairs, ascending) and count rows of `corpus`'s occurrences.
  ///
  /// Each thread takes a run of documents. A pass reads every document and keeps only the
  /// occurrences whose bucket is among the pass's (at most `passKeys` keys in all, or one
  /// bucket), so the keys of all 1-2-grams of 200 MB of text (180 MB) are never held at once.
  private static func rows(
    of corpus: consuming TokenizedCorpus, ranks: [UInt32], tokenIsMark: [Bool], options: TrainingOptions,
    layout: Layout, jobs: Int, passKeys: Int
  ) -> (ngrams: [UInt64], rowStarts: [Int], cellLabels: [Int32], cellCounts: [Double]) {
    // The ids become ranks plus one in place: passes then read them with no table between.
    corpus.ids.withUnsafeMutableBufferPointer { ids in
      ranks.withUnsafeBufferPointer { ranks in
        for index in ids.indices { ids[index] = Int32(bitPattern: ranks[Int(ids[index])] &+ 1) }
      }
    }
    var marks = [Bool](repeating: false, count: ranks.count + 1)
    for (id, rank) in ranks.enumerated() { marks[Int(rank) + 1] = tokenIsMark[id] }
    let markOfRank = marks
    let documents = corpus
    let range = options.features.ngramRange
    let runs = max(1, min(jobs, documents.documentCount))
    let bucketCount = 1 << layout.bucketBits
    // Each occurrence of a token starts at most one unigram and one bigram: that bounds the
    // bucket of its rank, per run.
    let bounds = Parallel.map(count: runs, jobs: runs) { run in
      var perRank = [Int](repeating: 0, count: ranks.count + 1)
      let span = documents.starts[run * documents.documentCount / runs]..<documents.starts[(run + 1) * documents.documentCount / runs]
      for rank in documents.ids[span] { perRank[Int(rank)] += 1 }
      var bound = [Int](repeating: 0, count: bucketCount)
      for (rank, count) in perRank.enumerated() where count > 0 {
        bound[layout.bucket(ofFirst: UInt64(rank))] += count * range.count
      }
      return bound
    }
    let bucketBounds = (0..<bucketCount).map { bucket in bounds.reduce(0) { $0 + $1[bucket] } }
    let total = bucketBounds.reduce(0, +)
    var ngrams: [UInt64] = []
    var rowStarts: [Int] = []
    var cellLabels: [Int32] = []
    var cellCounts: [Double] = []
    // Capacity for the worst case (every occurrence distinct) is only address space until used;
    // growing by doubling would copy and fault the pages in again.
    // Without bigrams every n-gram is a token.
    let rowBound = range.contains(2) ? total : min(total, ranks.count)
    let cellBound = min(total, rowBound << layout.labelBits)
    ngrams.reserveCapacity(rowBound)
    rowStarts.reserveCapacity(rowBound + 1)
    cellLabels.reserveCapacity(cellBound)
    cellCounts.reserveCapacity(cellBound)
    let largest = bucketBounds.max() ?? 0
    var gathered = [UInt32](repeating: 0, count: runs > 1 ? largest : 0)
    var scratch = [UInt32](repeating: 0, count: largest)
    var first = 0
    while first < bucketCount {
      var end = first + 1
      var keys = bucketBounds[first]
      while end < bucketCount && keys + bucketBounds[end] <= passKeys {
        keys += bucketBounds[end]
        end += 1
      }
      let buckets = first..<end
      var parts = Parallel.map(count: runs, jobs: runs) { run in
        occurrences(
          of: documents,
          documents: (run * documents.documentCount / runs)..<((run + 1) * documents.documentCount / runs),
          buckets: buckets, bounds: bounds[run], range: range, counting: PassageCounting(options: options),
          markOfRank: markOfRank, layout: layout)
      }
      readOff(
        &parts, buckets: buckets, layout: layout, gathered: &gathered, scratch: &scratch, ngrams: &ngrams,
        rowStarts: &rowStarts, cellLabels: &cellLabels, cellCounts: &cellCounts)
      first = end
    }
    rowStarts.append(cellLabels.count)
    return (ngrams, rowStarts, cellLabels, cellCounts)
  }

  /// The occurrences of `documents` (ids as ranks plus one) in `buckets`: one per n-gram
  /// occurrence, or one per document for n-grams that `counting` counts once per passage.
  private static func occurrences(
    of corpus: TokenizedCorpus, documents: Range<Int>, buckets: Range<Int>, bounds: [Int], range: ClosedRange<Int>,
    counting: PassageCounting, markOfRank: [Bool], layout: Layout
  ) -> Occurrences {
    var starts = [0]
    starts.reserveCapacity(buckets.count + 1)
    for bucket in buckets { starts.append(starts[starts.count - 1] + bounds[bucket]) }
    var ends = Array(starts.dropLast())
    let firstBucket = buckets.lowerBound
    // The pass's buckets hold the occurrences whose first rank (plus one) is in
    // `firstRank..<firstRank + rankCount`.
    let firstRank = layout.firstRank(ofBucket: buckets.lowerBound)
    let endRank = layout.firstRank(ofBucket: buckets.upperBound)
    let allBuckets = buckets == 0..<(1 << layout.bucketBits)
    let tokenShift = UInt64(layout.tokenBits)
    let labelShift = UInt64(layout.labelBits)
    let longest = documents.reduce(0) { max($0, corpus.starts[$1 + 1] - corpus.starts[$1]) }
    // A document's starts in this pass, and the slots its n-grams took in the hash set below.
    var positions = [Int](repeating: 0, count: allBuckets ? 0 : longest)
    var used = [Int](repeating: 0, count: longest * range.count)
    var seen = [UInt64](repeating: 0, count: 16)
    let keys = [UInt32](unsafeUninitializedCapacity: starts[starts.count - 1]) { keys, initialized in
      markOfRank.withUnsafeBufferPointer { markOfRank in
        ends.withUnsafeMutableBufferPointer { ends in
          positions.withUnsafeMutableBufferPointer { positions in
            used.withUnsafeMutableBufferPointer { used in
              corpus.forEachDocument(in: documents) { ids, label in
                // A pass over every bucket needs no list of positions.
                let count = allBuckets ? ids.count : inPass(ids, firstRank: firstRank, endRank: endRank, into: positions.baseAddress!)
                // Counting once needs the n-grams this document already counted: a small hash set,
                // all zero between documents (only the slots taken are cleared).
                var bits = 4
                while 1 << bits < 2 * range.count * count { bits += 1 }
                if seen.count < 1 << bits { seen = [UInt64](repeating: 0, count: 1 << bits) }
                seen.withUnsafeMutableBufferPointer { seen in
                  let mask = (1 << bits) - 1
                  let tag = UInt64(label)
                  var taken = 0
                  @inline(__always) func add(_ ngram: UInt64, once: Bool) {
                    if once {
                      var slot = Int(truncatingIfNeeded: (ngram &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
                      while seen[slot] != 0 {
                        if seen[slot] == ngram { return }
                        slot = (slot &+ 1) & mask
                      }
                      seen[slot] = ngram
                      used[taken] = slot
                      taken += 1
                    }
                    let packed = ngram << labelShift | tag
                    let bucket = Int(truncatingIfNeeded: packed >> 32) &- firstBucket
                    keys[ends[bucket]] = UInt32(truncatingIfNeeded: packed)
                    ends[bucket] &+= 1
                  }
                  @inline(__always) func countsOnce(_ start: Int, _ length: Int) -> Bool {
                    counting.countsOnce(
                      holdingMark: PassageCounting.holdsMark(ids, start: start, length: length, tokenIsMark: markOfRank))
                  }
                  @inline(__always) func addStarting(at position: Int) {
                    let first = UInt64(ids[position]) << tokenShift
                    if range.contains(1) { add(first, once: countsOnce(position, 1)) }
                    if range.contains(2) && position + 1 < ids.count {
                      add(first | UInt64(ids[position + 1]), once: countsOnce(position, 2))
                    }
                  }
                  if allBuckets {
                    for position in 0..<count { addStarting(at: position) }
                  } else {
                    for position in positions[0..<count] { addStarting(at: position) }
                  }
                  for slot in used[0..<taken] { seen[slot] = 0 }
                }
              }
            }
          }
        }
      }
      // Slots past each bucket's end stay unwritten, and are never read.
      initialized = keys.count
    }
    return Occurrences(keys: keys, starts: starts, ends: ends)
  }

  /// Writes the positions in `ids` whose rank is in `firstRank..<endRank` to `positions`, and
  /// returns how many. Whether a rank is in the pass is as good as random: with a branch on it,
  /// six passes over 200 MB of 1-2-grams took 1.58 s instead of 1.27 s.
  @inline(__always) private static func inPass(
    _ ids: UnsafeBufferPointer<Int32>, firstRank: Int, endRank: Int, into positions: UnsafeMutablePointer<Int>
  ) -> Int {
    var count = 0
    for start in ids.indices {
      let rank = Int(ids[start])
      positions[count] = start
      // The sign bits say rank >= firstRank and rank < endRank.
      count &+= Int(bitPattern: UInt(bitPattern: (rank &- endRank) & ~(rank &- firstRank)) >> 63)
    }
    return count
  }

  /// Appends the n-grams and count rows of one pass's occurrences, bucket by bucket: each
  /// bucket's keys from every run are sorted together, then read off in runs.
  private static func readOff(
    _ parts: inout [Occurrences], buckets: Range<Int>, layout: Layout, gathered: inout [UInt32],
    scratch: inout [UInt32], ngrams: inout [UInt64], rowStarts: inout [Int], cellLabels: inout [Int32],
    cellCounts: inout [Double]
  ) {
    let labelShift = UInt64(layout.labelBits)
    scratch.withUnsafeMutableBufferPointer { scratch in
      for (index, bucket) in buckets.enumerated() {
        func readOff(_ keys: UnsafeMutableBufferPointer<UInt32>) {
          ByteOrder.sort(keys, scratch: UnsafeMutableBufferPointer(rebasing: scratch[0..<keys.count]), bits: 32)
          var start = 0
          while start < keys.count {
            let key = keys[start]
            var end = start + 1
            while end < keys.count && keys[end] == key { end += 1 }
            let packed = UInt64(bucket) << 32 | UInt64(key)
            let ngram = packed >> labelShift
            if ngrams.last != ngram {
              rowStarts.append(cellLabels.count)
              ngrams.append(ngram)
            }
            cellLabels.append(Int32(truncatingIfNeeded: packed & layout.labelMask))
            cellCounts.append(Double(end - start))
            start = end
          }
        }
        if parts.count == 1 {
          let range = parts[0].starts[index]..<parts[0].ends[index]
          parts[0].keys.withUnsafeMutableBufferPointer { keys in
            readOff(UnsafeMutableBufferPointer(rebasing: keys[range]))
          }
        } else {
          gathered.withUnsafeMutableBufferPointer { gathered in
            var count = 0
            for part in parts {
              for key in part.keys[part.starts[index]..<part.ends[index]] {
                gathered[count] = key
                count += 1
              }
            }
            readOff(UnsafeMutableBufferPointer(rebasing: gathered[0..<count]))
          }
        }
      }
    }
  }

  /// The lookup whose n-gram ids are the vocabulary indices.
  private static func lookup(_ keys: [NGramKey], tokens: ByteTable, tokenIsMark: [Bool]) -> FeatureLookup {
    let table = NGramTable(distinct: keys)
    var unigramOfToken = [Int32](repeating: -1, count: tokens.count)
    var featureHasMark = [Bool](repeating: false, count: keys.count)
    for (feature, key) in keys.enumerated() {
      featureHasMark[feature] = PassageCounting.holdsMark(key, tokenIsMark: tokenIsMark)
      if key.low >> 32 == 0 { unigramOfToken[Int(key.low) - 1] = Int32(feature) }
    }
    return FeatureLookup(
      tokens: tokens, tables: [table], idOffsets: [0], unigramOfToken: unigramOfToken,
      featureOfID: (0..<Int32(keys.count)).map { $0 }, featureHasMark: featureHasMark)
  }
}
