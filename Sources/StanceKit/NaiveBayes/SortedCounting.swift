/// Counts unigrams and bigrams by sorting their occurrences instead of hashing them.
///
/// Each counted occurrence becomes one integer: its tokens' byte-order ranks (plus one, so 0
/// means "no second token"), then its label index. One radix sort of these integers puts equal
/// n-grams side by side in vocabulary order, labels ascending within each, so a scan of the runs
/// gives `NaiveBayesCounts`' rows exactly as they are stored, and the vocabulary needs no sort
/// of its own (rank tuples order n-grams as their bytes do; see `FeatureCounter.finish`).
/// Counting through hash tables costs two or three cache misses per occurrence once the
/// n-grams outgrow the caches (20 Newsgroups has a million); the sort streams through memory.
/// Counts, vocabulary and lookup equal `FeatureCounter`'s, which the tests check.
enum SortedCounting {
  /// The counts and lookup of `corpus`, or nil when an n-gram can be longer than two tokens or
  /// two ranks and a label do not fit in 64 bits.
  static func count(_ corpus: TokenizedCorpus, labels: [String], options: TrainingOptions, jobs: Int)
    -> (counts: NaiveBayesCounts, lookup: FeatureLookup)?
  {
    let range = options.features.ngramRange
    let tokens = corpus.tokens
    // Ranks plus one run to `tokens.count`.
    let layout = Layout(
      tokenBits: Int.bitWidth - tokens.count.leadingZeroBitCount,
      labelBits: max(1, Int.bitWidth - (labels.count - 1).leadingZeroBitCount))
    guard range.upperBound <= 2, 2 * layout.tokenBits + layout.labelBits <= 64 else { return nil }
    let ranks = tokens.byteOrderRanks()
    let rankPlusOne = ranks.map { UInt64($0) + 1 }
    let tokenIsMark = (0..<tokens.count).map { id in tokens.bytes(of: id).withUnsafeBufferPointer(Tokenizer.isMark) }

    let chunks = max(1, min(jobs, corpus.documentCount))
    var parts = Parallel.map(count: chunks, jobs: chunks) { chunk in
      occurrences(
        of: corpus, documents: (chunk * corpus.documentCount / chunks)..<((chunk + 1) * corpus.documentCount / chunks),
        range: range, presence: options.countsPresence, rankPlusOne: rankPlusOne, tokenIsMark: tokenIsMark,
        layout: layout)
    }
    var packed = parts.count == 1 ? parts[0] : parts.flatMap { $0 }
    parts = []
    ByteOrder.sort(&packed, bits: 2 * layout.tokenBits + layout.labelBits)
    let (ngrams, rowStarts, cellLabels, cellCounts) = rows(sorted: packed, layout: layout)
    packed = []

    var tokenOfRank = [Int](repeating: 0, count: tokens.count)
    for (id, rank) in ranks.enumerated() { tokenOfRank[Int(rank)] = id }
    // Each feature as token ids.
    let keys = ngrams.map { ngram -> NGramKey in
      let first = UInt64(tokenOfRank[Int(ngram >> UInt64(layout.tokenBits)) - 1] + 1)
      let second = ngram & layout.tokenMask
      return NGramKey(low: second == 0 ? first : first | UInt64(tokenOfRank[Int(second) - 1] + 1) << 32, high: 0)
    }
    let (vocabulary, lookup) = Parallel.both(
      concurrently: jobs > 1,
      { Vocabulary(ngrams: keys, tokens: tokens) },
      { self.lookup(keys, tokens: tokens, tokenIsMark: tokenIsMark) })
    assert(vocabulary.firstUnsorted() == nil, "n-gram order differs from byte order")
    var documentCounts = [Double](repeating: 0, count: labels.count)
    for label in corpus.labelOfDocument { documentCounts[Int(label)] += 1 }
    let counts = NaiveBayesCounts(
      labels: labels, vocabulary: vocabulary, documentCounts: documentCounts, rowStarts: rowStarts,
      cellLabels: cellLabels, cellCounts: cellCounts, exampleCount: UInt64(corpus.documentCount),
      digest: corpus.digest)
    return (counts, lookup)
  }

  /// How an occurrence packs into 64 bits: first rank, second rank, label, from high to low.
  struct Layout: Sendable {
    var tokenBits: Int
    var labelBits: Int
    var tokenMask: UInt64 { (1 << UInt64(tokenBits)) - 1 }
    var labelMask: UInt64 { (1 << UInt64(labelBits)) - 1 }
  }

  /// The packed occurrences of `documents`: one per n-gram occurrence, or one per document for
  /// n-grams counted by presence (all of them with `presence`, and those holding a mark).
  private static func occurrences(
    of corpus: TokenizedCorpus, documents: Range<Int>, range: ClosedRange<Int>, presence: Bool,
    rankPlusOne: [UInt64], tokenIsMark: [Bool], layout: Layout
  ) -> [UInt64] {
    // A document of n tokens has n unigrams and n - 1 bigrams.
    let bound = (corpus.starts[documents.upperBound] - corpus.starts[documents.lowerBound]) * range.count
    let tokenShift = UInt64(layout.tokenBits)
    let labelShift = UInt64(layout.labelBits)
    var seen = [UInt64](repeating: 0, count: 16)
    return [UInt64](unsafeUninitializedCapacity: bound) { keys, initialized in
      var written = 0
      rankPlusOne.withUnsafeBufferPointer { rankPlusOne in
        tokenIsMark.withUnsafeBufferPointer { tokenIsMark in
          corpus.forEachDocument(in: documents) { ids, label in
            let tokenCount = ids.count
            // Presence needs the n-grams this document already counted: a small hash set.
            var bits = 4
            while 1 << bits < 2 * range.count * tokenCount { bits += 1 }
            if seen.count < 1 << bits { seen = [UInt64](repeating: 0, count: 1 << bits) }
            seen.withUnsafeMutableBufferPointer { all in
              let seen = UnsafeMutableBufferPointer(rebasing: all[0..<(1 << bits)])
              seen.update(repeating: 0)
              let mask = (1 << bits) - 1
              let tag = UInt64(label)
              @inline(__always) func add(_ ngram: UInt64, byPresence: Bool) {
                if byPresence {
                  var slot = Int(truncatingIfNeeded: (ngram &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
                  while seen[slot] != 0 {
                    if seen[slot] == ngram { return }
                    slot = (slot &+ 1) & mask
                  }
                  seen[slot] = ngram
                }
                keys[written] = ngram << labelShift | tag
                written &+= 1
              }
              if range.contains(1) {
                for token in ids {
                  add(rankPlusOne[Int(token)] << tokenShift, byPresence: presence || tokenIsMark[Int(token)])
                }
              }
              if range.contains(2) && tokenCount >= 2 {
                for start in 0..<(tokenCount - 1) {
                  let first = Int(ids[start])
                  let second = Int(ids[start + 1])
                  add(
                    rankPlusOne[first] << tokenShift | rankPlusOne[second],
                    byPresence: presence || tokenIsMark[first] || tokenIsMark[second])
                }
              }
            }
          }
        }
      }
      initialized = written
    }
  }

  /// The n-grams of sorted occurrences (rank pairs, ascending) and their count rows.
  private static func rows(sorted keys: [UInt64], layout: Layout)
    -> (ngrams: [UInt64], rowStarts: [Int], cellLabels: [Int32], cellCounts: [Double])
  {
    var ngrams: [UInt64] = []
    var rowStarts: [Int] = []
    var cellLabels: [Int32] = []
    var cellCounts: [Double] = []
    // Capacity for the worst case (every occurrence distinct) is only address space until used;
    // growing by doubling would copy and fault the pages in again.
    ngrams.reserveCapacity(keys.count)
    rowStarts.reserveCapacity(keys.count + 1)
    cellLabels.reserveCapacity(keys.count)
    cellCounts.reserveCapacity(keys.count)
    let labelShift = UInt64(layout.labelBits)
    keys.withUnsafeBufferPointer { keys in
      var start = 0
      while start < keys.count {
        let key = keys[start]
        var end = start + 1
        while end < keys.count && keys[end] == key { end += 1 }
        let ngram = key >> labelShift
        if ngrams.last != ngram {
          rowStarts.append(cellLabels.count)
          ngrams.append(ngram)
        }
        cellLabels.append(Int32(truncatingIfNeeded: key & layout.labelMask))
        cellCounts.append(Double(end - start))
        start = end
      }
    }
    rowStarts.append(cellLabels.count)
    return (ngrams, rowStarts, cellLabels, cellCounts)
  }

  /// The lookup whose n-gram ids are the vocabulary indices.
  private static func lookup(_ keys: [NGramKey], tokens: ByteTable, tokenIsMark: [Bool]) -> FeatureLookup {
    var table = NGramTable(capacity: keys.count)
    table.insertNew(keys)
    var unigramOfToken = [Int32](repeating: -1, count: tokens.count)
    var featureHasMark = [Bool](repeating: false, count: keys.count)
    for (feature, key) in keys.enumerated() {
      var hasMark = false
      key.forEachToken { hasMark = hasMark || tokenIsMark[$0] }
      featureHasMark[feature] = hasMark
      if key.low >> 32 == 0 { unigramOfToken[Int(key.low) - 1] = Int32(feature) }
    }
    return FeatureLookup(
      tokens: tokens, tables: [table], idOffsets: [0], unigramOfToken: unigramOfToken,
      featureOfID: (0..<Int32(keys.count)).map { $0 }, featureHasMark: featureHasMark)
  }
}
