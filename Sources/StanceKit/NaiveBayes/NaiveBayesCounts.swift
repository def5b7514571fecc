/// The sufficient statistics of a naive Bayes model: exact counts, nothing derived.
///
/// Counts are whole numbers held in `Double` (exact below 2^53), so adding the counts of two
/// shards gives exactly the counts of training on both, and the merged file is byte-identical.
struct NaiveBayesCounts: Hashable, Sendable {
  /// Class labels, sorted by UTF-8 bytes.
  var labels: [String]
  /// Feature strings (n-gram tokens joined by a space), sorted by UTF-8 bytes.
  var vocabulary: [String]
  /// Training documents per label.
  var documentCounts: [Double]
  /// Feature counts, label-major: `featureCounts[label * vocabulary.count + feature]`.
  var featureCounts: [Double]
  /// How many examples went into the counts.
  var exampleCount: UInt64
  /// Order-independent digest of the training data: the wrapping sum over examples of
  /// FNV-1a-64(label bytes, 0x00, text bytes), so shards' digests add up to the whole's.
  var digest: UInt64

  /// Total feature count per label.
  var totals: [Double] {
    let width = vocabulary.count
    return (0..<labels.count).map { label in
      var sum = 0.0
      for feature in 0..<width { sum += featureCounts[label * width + feature] }
      return sum
    }
  }

  /// The digest contribution of one example.
  static func digest(of example: TrainingExample) -> UInt64 {
    var hash = FNV1a64()
    hash.combine(example.label.utf8)
    hash.combine(CollectionOfOne(0))
    hash.combine(example.text.utf8)
    return hash.value
  }

  /// The counts of `self` and `other` added, over the union of their labels and vocabularies.
  func adding(_ other: NaiveBayesCounts) -> NaiveBayesCounts {
    let labels = Self.sortedUnion(self.labels, other.labels)
    let vocabulary = Self.sortedUnion(self.vocabulary, other.vocabulary)
    var result = NaiveBayesCounts(
      labels: labels, vocabulary: vocabulary,
      documentCounts: Array(repeating: 0, count: labels.count),
      featureCounts: Array(repeating: 0, count: labels.count * vocabulary.count),
      exampleCount: exampleCount &+ other.exampleCount, digest: digest &+ other.digest)
    for part in [self, other] {
      let labelMap = Self.positions(of: part.labels, in: labels)
      let featureMap = Self.positions(of: part.vocabulary, in: vocabulary)
      let width = part.vocabulary.count
      for (label, target) in labelMap.enumerated() {
        result.documentCounts[target] += part.documentCounts[label]
        let base = target * vocabulary.count
        for feature in 0..<width {
          let count = part.featureCounts[label * width + feature]
          if count != 0 { result.featureCounts[base + featureMap[feature]] += count }
        }
      }
    }
    return result
  }

  /// `self` minus `part`, where `part`'s labels and vocabulary are subsets of `self`'s; the
  /// vocabulary stays `self`'s (features left at zero are skipped when weights are derived).
  func subtracting(_ part: NaiveBayesCounts) -> NaiveBayesCounts {
    var result = self
    // Counts built over one shared vocabulary (a `FeatureMatrix`'s) subtract cell by cell; the
    // array comparison is immediate when both share storage.
    if part.labels == labels && part.vocabulary == vocabulary {
      for index in result.featureCounts.indices { result.featureCounts[index] -= part.featureCounts[index] }
      for index in result.documentCounts.indices { result.documentCounts[index] -= part.documentCounts[index] }
      result.exampleCount -= part.exampleCount
      result.digest = digest &- part.digest
      return result
    }
    let labelMap = Self.positions(of: part.labels, in: labels)
    let featureMap = Self.positions(of: part.vocabulary, in: vocabulary)
    let width = part.vocabulary.count
    for (label, target) in labelMap.enumerated() {
      result.documentCounts[target] -= part.documentCounts[label]
      let base = target * vocabulary.count
      for feature in 0..<width {
        result.featureCounts[base + featureMap[feature]] -= part.featureCounts[label * width + feature]
      }
    }
    result.exampleCount -= part.exampleCount
    result.digest = digest &- part.digest
    return result
  }

  /// The union of two sorted, duplicate-free arrays, sorted.
  static func sortedUnion(_ a: [String], _ b: [String]) -> [String] {
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
  static func positions(of part: [String], in whole: [String]) -> [Int] {
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
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    for byte in bytes {
      value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
  }
}
