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
  /// The counts and lookup of `corpus`, or nil when an n-gram can be longer than two tokens or
  /// a rank and a label do not fit in the 32 bits each bucket keeps.
  static func count(_ corpus: TokenizedCorpus, labels: [String], options: TrainingOptions, jobs: Int)
    -> (counts: NaiveBayesCounts, lookup: FeatureLookup)?
  {
    let range = options.features.ngramRange
    let tokens = corpus.tokens
    // Ranks plus one run to `tokens.count`.
    let layout = Layout(
      tokenBits: Int.bitWidth - tokens.count.leadingZeroBitCount,
      labelBits: max(1, Int.bitWidth - (labels.count - 1).leadingZeroBitCount))
    // The low 32 bits must hold the second rank and the label, so the first rank alone picks the
    // bucket (and the whole occurrence fits in 64 bits).
    guard range.upperBound <= 2, layout.tokenBits + layout.labelBits <= 32 else { return nil }
    let ranks = tokens.byteOrderRanks()
    let rankPlusOne = ranks.map { UInt64($0) + 1 }
    let tokenIsMark = corpus.tokenIsMark

    let chunks = max(1, min(jobs, corpus.documentCount))
    var parts = Parallel.map(count: chunks, jobs: chunks) { chunk in
      occurrences(
        of: corpus, documents: (chunk * corpus.documentCount / chunks)..<((chunk + 1) * corpus.documentCount / chunks),
        range: range, counting: PassageCounting(options: options), rankPlusOne: rankPlusOne,
        tokenIsMark: tokenIsMark, layout: layout)
    }
    let (ngrams, rowStarts, cellLabels, cellCounts) = rows(of: &parts, layout: layout)
    parts = []

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
    /// The bits above the low 32, which number the buckets.
    var bucketBits: Int { max(0, 2 * tokenBits + labelBits - 32) }
    /// The bucket of occurrences whose first token has rank (plus one) `rank`.
    func bucket(ofFirst rank: UInt64) -> Int { Int(truncatingIfNeeded: (rank << UInt64(tokenBits + labelBits)) >> 32) }
  }

  /// One run of documents' occurrences: bucket `b` holds the low 32 bits of its occurrences in
  /// `keys[starts[b]..<ends[b]]` (`starts[b + 1]` bounds it).
  private struct Occurrences: Sendable {
    var keys: [UInt32]
    var starts: [Int]
    var ends: [Int]
  }

  /// The occurrences of `documents`: one per n-gram occurrence, or one per document for n-grams
  /// that `counting` counts once per passage.
  private static func occurrences(
    of corpus: TokenizedCorpus, documents: Range<Int>, range: ClosedRange<Int>, counting: PassageCounting,
    rankPlusOne: [UInt64], tokenIsMark: [Bool], layout: Layout
  ) -> Occurrences {
    // Each occurrence of a token starts at most one unigram and one bigram: that bounds the
    // bucket of its rank.
    let tokenIDs = corpus.ids[corpus.starts[documents.lowerBound]..<corpus.starts[documents.upperBound]]
    var perToken = [Int](repeating: 0, count: rankPlusOne.count)
    for id in tokenIDs { perToken[Int(id)] += 1 }
    var starts = [Int](repeating: 0, count: (1 << layout.bucketBits) + 1)
    for (token, count) in perToken.enumerated() where count > 0 {
      starts[layout.bucket(ofFirst: rankPlusOne[token]) + 1] += count * range.count
    }
    for bucket in 0..<(starts.count - 1) { starts[bucket + 1] += starts[bucket] }
    var ends = Array(starts.dropLast())
    let tokenShift = UInt64(layout.tokenBits)
    let labelShift = UInt64(layout.labelBits)
    var seen = [UInt64](repeating: 0, count: 16)
    let keys = [UInt32](unsafeUninitializedCapacity: starts[starts.count - 1]) { keys, initialized in
      rankPlusOne.withUnsafeBufferPointer { rankPlusOne in
        tokenIsMark.withUnsafeBufferPointer { tokenIsMark in
          ends.withUnsafeMutableBufferPointer { ends in
            corpus.forEachDocument(in: documents) { ids, label in
              let tokenCount = ids.count
              // Counting once needs the n-grams this document already counted: a small hash set.
              var bits = 4
              while 1 << bits < 2 * range.count * tokenCount { bits += 1 }
              if seen.count < 1 << bits { seen = [UInt64](repeating: 0, count: 1 << bits) }
              seen.withUnsafeMutableBufferPointer { all in
                let seen = UnsafeMutableBufferPointer(rebasing: all[0..<(1 << bits)])
                seen.update(repeating: 0)
                let mask = (1 << bits) - 1
                let tag = UInt64(label)
                @inline(__always) func add(_ ngram: UInt64, once: Bool) {
                  if once {
                    var slot = Int(truncatingIfNeeded: (ngram &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
                    while seen[slot] != 0 {
                      if seen[slot] == ngram { return }
                      slot = (slot &+ 1) & mask
                    }
                    seen[slot] = ngram
                  }
                  let packed = ngram << labelShift | tag
                  let bucket = Int(truncatingIfNeeded: packed >> 32)
                  keys[ends[bucket]] = UInt32(truncatingIfNeeded: packed)
                  ends[bucket] &+= 1
                }
                @inline(__always) func countsOnce(_ start: Int, _ length: Int) -> Bool {
                  counting.countsOnce(
                    holdingMark: PassageCounting.holdsMark(ids, start: start, length: length, tokenIsMark: tokenIsMark))
                }
                if range.contains(1) {
                  for start in 0..<tokenCount {
                    add(rankPlusOne[Int(ids[start])] << tokenShift, once: countsOnce(start, 1))
                  }
                }
                if range.contains(2) && tokenCount >= 2 {
                  for start in 0..<(tokenCount - 1) {
                    add(
                      rankPlusOne[Int(ids[start])] << tokenShift | rankPlusOne[Int(ids[start + 1])],
                      once: countsOnce(start, 2))
                  }
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

  /// The n-grams (rank pairs, ascending) and count rows of all runs' occurrences, bucket by
  /// bucket: each bucket's keys from every run are sorted together, then read off in runs.
  private static func rows(of parts: inout [Occurrences], layout: Layout)
    -> (ngrams: [UInt64], rowStarts: [Int], cellLabels: [Int32], cellCounts: [Double])
  {
    let total = parts.reduce(0) { sum, part in sum + zip(part.starts, part.ends).reduce(0) { $0 + $1.1 - $1.0 } }
    var ngrams: [UInt64] = []
    var rowStarts: [Int] = []
    var cellLabels: [Int32] = []
    var cellCounts: [Double] = []
    // Capacity for the worst case (every occurrence distinct) is only address space until used;
    // growing by doubling would copy and fault the pages in again.
    ngrams.reserveCapacity(total)
    rowStarts.reserveCapacity(total + 1)
    cellLabels.reserveCapacity(total)
    cellCounts.reserveCapacity(total)
    let labelShift = UInt64(layout.labelBits)
    let bucketCount = 1 << layout.bucketBits
    let largest = (0..<bucketCount).map { bucket in parts.reduce(0) { $0 + $1.ends[bucket] - $1.starts[bucket] } }.max() ?? 0
    var gathered = [UInt32](repeating: 0, count: parts.count > 1 ? largest : 0)
    var scratch = [UInt32](repeating: 0, count: largest)
    scratch.withUnsafeMutableBufferPointer { scratch in
      for bucket in 0..<bucketCount {
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
          let range = parts[0].starts[bucket]..<parts[0].ends[bucket]
          parts[0].keys.withUnsafeMutableBufferPointer { keys in
            readOff(UnsafeMutableBufferPointer(rebasing: keys[range]))
          }
        } else {
          gathered.withUnsafeMutableBufferPointer { gathered in
            var count = 0
            for part in parts {
              for key in part.keys[part.starts[bucket]..<part.ends[bucket]] {
                gathered[count] = key
                count += 1
              }
            }
            readOff(UnsafeMutableBufferPointer(rebasing: gathered[0..<count]))
          }
        }
      }
    }
    rowStarts.append(cellLabels.count)
    return (ngrams, rowStarts, cellLabels, cellCounts)
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
