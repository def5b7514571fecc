/// The sufficient statistics of a naive Bayes model: exact counts, nothing derived.
///
/// Counts are whole numbers held in `Double` (exact below 2^53), so adding the counts of two
/// shards gives exactly the counts of training on both, and the merged file is byte-identical.
/// Feature counts are sparse: most (feature, label) pairs never occur (20 Newsgroups' bigrams
/// fill about one cell in twelve), and a dense labels × features array was most of the memory
/// and time of training on large vocabularies.
struct NaiveBayesCounts: Hashable, Sendable {
  /// Class labels, sorted by UTF-8 bytes.
  var labels: [String]
  /// Feature strings (n-gram tokens joined by a space), sorted by UTF-8 bytes.
  var vocabulary: Vocabulary
  /// Training documents per label.
  var documentCounts: [Double]
  /// Feature `f`'s nonzero counts are the cells `rowStarts[f]..<rowStarts[f + 1]`, labels ascending.
  var rowStarts: [Int]
  /// Label index of each cell.
  var cellLabels: [Int32]
  /// Count of each cell, never zero: a missing cell is a zero, so equal counts compare equal.
  var cellCounts: [Double]
  /// How many examples went into the counts.
  var exampleCount: UInt64
  /// Order-independent digest of the training data: the wrapping sum over examples of
  /// FNV-1a-64(label bytes, 0x00, text bytes), so shards' digests add up to the whole's.
  var digest: UInt64

  init(
    labels: [String], vocabulary: Vocabulary, documentCounts: [Double], rowStarts: [Int],
    cellLabels: [Int32], cellCounts: [Double], exampleCount: UInt64, digest: UInt64
  ) {
    precondition(rowStarts.count == vocabulary.count + 1 && cellLabels.count == cellCounts.count)
    self.labels = labels
    self.vocabulary = vocabulary
    self.documentCounts = documentCounts
    self.rowStarts = rowStarts
    self.cellLabels = cellLabels
    self.cellCounts = cellCounts
    self.exampleCount = exampleCount
    self.digest = digest
  }

  /// Counts from a dense label-major array (`dense[label * vocabulary.count + feature]`).
  init(
    labels: [String], vocabulary: Vocabulary, documentCounts: [Double], featureCounts dense: [Double],
    exampleCount: UInt64, digest: UInt64
  ) {
    precondition(dense.count == labels.count * vocabulary.count)
    var rowStarts = [0]
    var cellLabels: [Int32] = []
    var cellCounts: [Double] = []
    for feature in vocabulary.indices {
      for label in labels.indices where dense[label * vocabulary.count + feature] != 0 {
        cellLabels.append(Int32(label))
        cellCounts.append(dense[label * vocabulary.count + feature])
      }
      rowStarts.append(cellCounts.count)
    }
    self.init(
      labels: labels, vocabulary: vocabulary, documentCounts: documentCounts, rowStarts: rowStarts,
      cellLabels: cellLabels, cellCounts: cellCounts, exampleCount: exampleCount, digest: digest)
  }

  /// The counts as a dense label-major array: for tests and small models only.
  var featureCounts: [Double] {
    var dense = [Double](repeating: 0, count: labels.count * vocabulary.count)
    for feature in vocabulary.indices {
      for cell in rowStarts[feature]..<rowStarts[feature + 1] {
        dense[Int(cellLabels[cell]) * vocabulary.count + feature] = cellCounts[cell]
      }
    }
    return dense
  }

  /// The count of `feature` under `label`.
  func count(label: Int, feature: Int) -> Double {
    for cell in rowStarts[feature]..<rowStarts[feature + 1] where cellLabels[cell] == Int32(label) {
      return cellCounts[cell]
    }
    return 0
  }

  /// Total feature count per label.
  var totals: [Double] {
    var sums = [Double](repeating: 0, count: labels.count)
    for cell in cellCounts.indices { sums[Int(cellLabels[cell])] += cellCounts[cell] }
    return sums
  }

  /// The digest contribution of one example.
  static func digest(of example: TrainingExample) -> UInt64 {
    var hash = labelHash(example)
    // Through the contiguous bytes: iterating a long string's UTF8View was twice as slow.
    var text = example.text
    text.withUTF8 { hash.combine($0) }
    return hash.value
  }

  /// The wrapping sum of `digest(of:)` over `examples`.
  ///
  /// FNV-1a is a chain of dependent multiplies, one per byte, so hashing 200 MB one document
  /// at a time waited on the multiplier's latency (6 % of unigram training); four documents of
  /// about the same length hashed side by side keep four chains in flight. The sum does not
  /// depend on the order, so documents are taken by length.
  static func digestSum<Examples: Collection<TrainingExample>>(of examples: Examples) -> UInt64 {
    let byLength = examples.sorted { $0.text.utf8.count < $1.text.utf8.count }
    var sum: UInt64 = 0
    var start = 0
    while start + 4 <= byLength.count {
      sum = sum &+ digestSum(ofFourFrom: byLength, at: start)
      start += 4
    }
    for example in byLength[start...] { sum = sum &+ digest(of: example) }
    return sum
  }

  /// The hash of an example's label and the zero byte after it, where its text's bytes go on.
  private static func labelHash(_ example: TrainingExample) -> FNV1a64 {
    var hash = FNV1a64()
    hash.combine(example.label.utf8)
    hash.combine(CollectionOfOne(0))
    return hash
  }

  /// The digests of `examples[start..<start + 4]`, added; their texts are hashed in lockstep.
  private static func digestSum(ofFourFrom examples: [TrainingExample], at start: Int) -> UInt64 {
    let group = examples[start..<(start + 4)]
    var hashes = group.map(labelHash)
    var (t0, t1, t2, t3) = (examples[start].text, examples[start + 1].text, examples[start + 2].text, examples[start + 3].text)
    t0.withUTF8 { a in
      t1.withUTF8 { b in
        t2.withUTF8 { c in
          t3.withUTF8 { d in
            let texts = [a, b, c, d]
            let common = texts.map(\.count).min()!
            var (h0, h1, h2, h3) = (hashes[0].value, hashes[1].value, hashes[2].value, hashes[3].value)
            for index in 0..<common {
              h0 = (h0 ^ UInt64(a[index])) &* FNV1a64.prime
              h1 = (h1 ^ UInt64(b[index])) &* FNV1a64.prime
              h2 = (h2 ^ UInt64(c[index])) &* FNV1a64.prime
              h3 = (h3 ^ UInt64(d[index])) &* FNV1a64.prime
            }
            for (lane, value) in [h0, h1, h2, h3].enumerated() {
              hashes[lane] = FNV1a64(value: value)
              hashes[lane].combine(UnsafeBufferPointer(rebasing: texts[lane][common...]))
            }
          }
        }
      }
    }
    return hashes.reduce(0) { $0 &+ $1.value }
  }

  /// The counts of `self` and `other` added, over the union of their labels and vocabularies.
  func adding(_ other: NaiveBayesCounts) -> NaiveBayesCounts {
    let labels = Self.sortedUnion(self.labels, other.labels)
    let vocabulary = Vocabulary(Self.sortedUnion(self.vocabulary, other.vocabulary))
    var documentCounts = [Double](repeating: 0, count: labels.count)
    let parts = [self, other]
    // Both maps ascend (the unions keep order), so each result row merges two label-sorted rows.
    let labelMaps = parts.map { part in Self.positions(of: part.labels, in: labels).map { Int32($0) } }
    let featureMaps = parts.map { Self.positions(of: $0.vocabulary, in: vocabulary) }
    for (part, labelMap) in zip(parts, labelMaps) {
      for (label, target) in labelMap.enumerated() { documentCounts[Int(target)] += part.documentCounts[label] }
    }
    var rowStarts = [0]
    rowStarts.reserveCapacity(vocabulary.count + 1)
    var cellLabels: [Int32] = []
    var cellCounts: [Double] = []
    cellLabels.reserveCapacity(self.cellCounts.count + other.cellCounts.count)
    cellCounts.reserveCapacity(self.cellCounts.count + other.cellCounts.count)
    var next = [0, 0]
    for feature in vocabulary.indices {
      var ranges: [Range<Int>] = [0..<0, 0..<0]
      for p in 0..<2 where next[p] < featureMaps[p].count && featureMaps[p][next[p]] == feature {
        ranges[p] = parts[p].rowStarts[next[p]]..<parts[p].rowStarts[next[p] + 1]
        next[p] += 1
      }
      var i = ranges[0].lowerBound
      var j = ranges[1].lowerBound
      while i < ranges[0].upperBound || j < ranges[1].upperBound {
        let a = i < ranges[0].upperBound ? labelMaps[0][Int(self.cellLabels[i])] : Int32.max
        let b = j < ranges[1].upperBound ? labelMaps[1][Int(other.cellLabels[j])] : Int32.max
        cellLabels.append(min(a, b))
        var sum = 0.0
        if a <= b {
          sum += self.cellCounts[i]
          i += 1
        }
        if b <= a {
          sum += other.cellCounts[j]
          j += 1
        }
        cellCounts.append(sum)
      }
      rowStarts.append(cellCounts.count)
    }
    return NaiveBayesCounts(
      labels: labels, vocabulary: vocabulary, documentCounts: documentCounts, rowStarts: rowStarts,
      cellLabels: cellLabels, cellCounts: cellCounts, exampleCount: exampleCount &+ other.exampleCount,
      digest: digest &+ other.digest)
  }

  /// `self` minus `part`, where `part`'s labels and vocabulary are subsets of `self`'s and each of
  /// its counts is at most `self`'s; the vocabulary stays `self`'s (features left at zero are
  /// skipped when weights are derived).
  func subtracting(_ part: NaiveBayesCounts) -> NaiveBayesCounts {
    var result = self
    // Counts over one shared vocabulary (a `FeatureMatrix`'s) need no maps; the array comparison
    // is immediate when both share storage.
    let sameVocabulary = part.vocabulary == vocabulary
    let labelMap = part.labels == labels ? Array(labels.indices) : Self.positions(of: part.labels, in: labels)
    let featureMap = sameVocabulary ? Array(vocabulary.indices) : Self.positions(of: part.vocabulary, in: vocabulary)
    for (label, target) in labelMap.enumerated() { result.documentCounts[target] -= part.documentCounts[label] }
    for feature in part.vocabulary.indices {
      let row = rowStarts[featureMap[feature]]..<rowStarts[featureMap[feature] + 1]
      for cell in part.rowStarts[feature]..<part.rowStarts[feature + 1] {
        let label = Int32(labelMap[Int(part.cellLabels[cell])])
        guard let target = row.first(where: { cellLabels[$0] == label }) else {
          preconditionFailure("subtracting counts that are not part of the whole")
        }
        result.cellCounts[target] -= part.cellCounts[cell]
      }
    }
    result.exampleCount -= part.exampleCount
    result.digest = digest &- part.digest
    result.dropZeroCells()
    return result
  }

  /// Removes cells whose count is zero, restoring the invariant after subtraction.
  mutating func dropZeroCells(relabel map: [Int32]? = nil) {
    var kept = 0
    var start = 0
    for feature in vocabulary.indices {
      let end = rowStarts[feature + 1]
      for cell in start..<end where cellCounts[cell] != 0 {
        cellLabels[kept] = map.map { $0[Int(cellLabels[cell])] } ?? cellLabels[cell]
        cellCounts[kept] = cellCounts[cell]
        kept += 1
      }
      start = end
      rowStarts[feature + 1] = kept
    }
    cellLabels.removeLast(cellLabels.count - kept)
    cellCounts.removeLast(cellCounts.count - kept)
  }

  /// The union of two sorted, duplicate-free arrays, sorted.
  static func sortedUnion<Strings: RandomAccessCollection<String>>(_ a: Strings, _ b: Strings) -> [String] where Strings.Index == Int {
    var result: [String] = []
    result.reserveCapacity(max(a.count, b.count))
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      let order = ByteOrder.compare(a[i], b[j])
      if order < 0 {
        result.append(a[i])
        i += 1
      } else if order > 0 {
        result.append(b[j])
        j += 1
      } else {
        result.append(a[i])
        i += 1
        j += 1
      }
    }
    result.append(contentsOf: a[i...])
    result.append(contentsOf: b[j...])
    return result
  }

  /// For each element of sorted `part`, its index in sorted `whole` (which contains it).
  static func positions<Part: Collection<String>, Whole: RandomAccessCollection<String>>(of part: Part, in whole: Whole) -> [Int] where Whole.Index == Int {
    var result: [Int] = []
    result.reserveCapacity(part.count)
    var j = 0
    for item in part {
      while ByteOrder.compare(whole[j], item) != 0 { j += 1 }
      result.append(j)
    }
    return result
  }
}

/// 64-bit FNV-1a (Fowler, Noll, Vo): a fast, stable, non-cryptographic hash.
struct FNV1a64 {
  static let prime: UInt64 = 0x0000_0100_0000_01b3
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  init() {}

  /// A hash that has already taken some bytes and stands at `value`.
  init(value: UInt64) { self.value = value }

  mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    for byte in bytes {
      value = (value ^ UInt64(byte)) &* Self.prime
    }
  }
}
