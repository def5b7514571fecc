import Foundation

/// Log-space weights derived from counts, plus the lookup from n-grams to feature rows.
///
/// Nothing here is serialised: it is rebuilt from `NaiveBayesCounts` at training and load time.
/// Every variant scores a document as `bias[c] + ∑_f count(f) · weight[f, c]`:
/// - multinomial: weight = log θ_fc with θ_fc = (N_fc + α) / (N_c + α·|V|), bias = log prior;
/// - complement (Rennie et al. 2003, unnormalised as in scikit-learn's ComplementNB):
///   weight = −log θ̃_fc with θ̃_fc = (Ñ_fc + α) / (Ñ_c + α·|V|) over the other classes' counts
///   Ñ_fc = ∑_{c'≠c} N_fc', and no prior (scikit-learn adds it only for a one-class model);
/// - Bernoulli: p_fc = (D_fc + α) / (D_c + 2α), weight = log p_fc − log(1 − p_fc),
///   bias = log prior + ∑_f log(1 − p_fc), so only present features cost anything.
/// |V| counts only features whose total count reaches `minCount`; the others are invisible.
final class Scorer: Sendable {
  let labelCount: Int
  /// Feature-major weights: `weights[row * labelCount + label]`.
  let weights: [Double]
  /// Bernoulli only: log(1 − p), feature-major like `weights`; empty otherwise.
  let logAbsence: [Double]
  /// Per-label constant term (prior, plus the all-absent Bernoulli term).
  let bias: [Double]
  /// The prior part of `bias`.
  let logPrior: [Double]
  /// Vocabulary index of each weight row.
  let rowFeature: [Int32]
  /// Rows whose n-gram holds a punctuation mark: counted by presence whatever the options say.
  let rowHasMark: [Bool]
  private let lookup: FeatureLookup
  /// Weight row of each n-gram id of `lookup`, or -1 for features below `minCount`.
  private let rowOfID: [Int32]
  /// Weight row of each vocabulary index, or -1 for features below `minCount`.
  private let rowOfFeature: [Int32]

  init(counts: NaiveBayesCounts, options: TrainingOptions, lookup: FeatureLookup? = nil) {
    let labelCount = counts.labels.count
    let size = counts.vocabulary.count
    self.labelCount = labelCount
    let minCount = Double(options.features.minCount)
    var active: [Int] = []
    active.reserveCapacity(size)
    for feature in 0..<size {
      var total = 0.0
      for label in 0..<labelCount { total += counts.featureCounts[label * size + feature] }
      if total >= minCount && total > 0 { active.append(feature) }
    }
    let alpha = options.alpha
    let activeCount = Double(active.count)
    var weights = [Double](repeating: 0, count: active.count * labelCount)
    var logAbsence: [Double] = []
    var bias = [Double](repeating: 0, count: labelCount)
    let documents = counts.documentCounts.reduce(0, +)
    let logPrior: [Double] = counts.documentCounts.map { count in
      options.fitPrior ? log(max(count, Self.emptyClassDocuments)) - log(max(documents, 1))
        : -log(Double(labelCount))
    }
    func count(_ label: Int, _ row: Int) -> Double {
      counts.featureCounts[label * size + active[row]]
    }
    // Per-label sums first (one sequential pass per label), then weights row by row, so the
    // feature-major weights are written sequentially: with 20 labels and a million features,
    // label-by-label writes would sweep the whole array once per label. Most (feature, label)
    // counts are zero, and a zero count's logarithm is the same for the whole row or label, so
    // it is taken once: `log(0 + α)` and `log(α)` are the same number.
    let logAlpha = log(alpha)
    switch options.variant {
    case .multinomial:
      var denominators = [Double](repeating: 0, count: labelCount)
      for label in 0..<labelCount {
        var total = 0.0
        for row in active.indices { total += count(label, row) }
        denominators[label] = log(total + alpha * activeCount)
        bias[label] = logPrior[label]
      }
      for row in active.indices {
        for label in 0..<labelCount {
          let n = count(label, row)
          weights[row * labelCount + label] = (n == 0 ? logAlpha : log(n + alpha)) - denominators[label]
        }
      }
    case .complement:
      var featureTotals = [Double](repeating: 0, count: active.count)
      for row in active.indices {
        for label in 0..<labelCount { featureTotals[row] += count(label, row) }
      }
      var denominators = [Double](repeating: 0, count: labelCount)
      for label in 0..<labelCount {
        var total = 0.0
        for row in active.indices { total += featureTotals[row] - count(label, row) + alpha }
        denominators[label] = log(total)
      }
      for row in active.indices {
        let logAll = log(featureTotals[row] + alpha)
        for label in 0..<labelCount {
          let n = count(label, row)
          let logComplement = n == 0 ? logAll : log(featureTotals[row] - n + alpha)
          weights[row * labelCount + label] = -(logComplement - denominators[label])
        }
      }
    case .bernoulli:
      logAbsence = [Double](repeating: 0, count: active.count * labelCount)
      let denominators = counts.documentCounts.map { log($0 + 2 * alpha) }
      let logAllAbsent = counts.documentCounts.map { log($0 + alpha) }
      var absentSums = [Double](repeating: 0, count: labelCount)
      for row in active.indices {
        for label in 0..<labelCount {
          let present = count(label, row)
          let logP = (present == 0 ? logAlpha : log(present + alpha)) - denominators[label]
          let logQ =
            (present == 0 ? logAllAbsent[label] : log(counts.documentCounts[label] - present + alpha))
            - denominators[label]
          weights[row * labelCount + label] = logP - logQ
          logAbsence[row * labelCount + label] = logQ
          absentSums[label] += logQ
        }
      }
      for label in 0..<labelCount { bias[label] = logPrior[label] + absentSums[label] }
    }
    self.weights = weights
    self.logAbsence = logAbsence
    self.bias = bias
    self.logPrior = logPrior
    self.rowFeature = active.map { Int32($0) }
    let lookup = lookup ?? FeatureLookup(vocabulary: counts.vocabulary)
    self.rowHasMark = active.map { lookup.featureHasMark[$0] }

    var rowOfFeature = [Int32](repeating: -1, count: size)
    for (row, feature) in active.enumerated() { rowOfFeature[feature] = Int32(row) }
    self.rowOfID = lookup.featureOfID.map { rowOfFeature[Int($0)] }
    self.rowOfFeature = rowOfFeature
    self.lookup = lookup
  }

  /// A log prior for a label without documents (possible only in calibration folds): half a document.
  static let emptyClassDocuments = 0.5

  /// The weight rows present in `text` with their counts, in row order.
  func features(of text: String, tokenizer: Tokenizer, presence: Bool) -> [(row: Int, count: Double)] {
    // A token needs at least two bytes plus a separator, so this bound avoids regrowth.
    let estimate = text.utf8.count / 3 + 1
    var ids: [Int32] = []
    ids.reserveCapacity(estimate)
    var found: [Int32] = []
    found.reserveCapacity(estimate * tokenizer.options.ngramRange.count)
    rowOfID.withUnsafeBufferPointer { rowOfID in
      lookup.forEachNGram(in: text, tokenizer: tokenizer, ids: &ids) { id in
        let row = rowOfID[Int(id)]
        if row >= 0 { found.append(row) }
      }
    }
    found.sort()
    var result: [(row: Int, count: Double)] = []
    result.reserveCapacity(found.count)
    for row in found {
      if let last = result.last, last.row == Int(row) {
        if !presence && !rowHasMark[Int(row)] { result[result.count - 1].count += 1 }
      } else {
        result.append((Int(row), 1))
      }
    }
    return result
  }

  /// The joint log-likelihood per label of a document with these features.
  func jointLogLikelihood<Features: Sequence<(row: Int, count: Double)>>(_ features: Features) -> [Double] {
    var scores = bias
    weights.withUnsafeBufferPointer { weights in
      for (row, count) in features {
        let base = row * labelCount
        for label in 0..<labelCount { scores[label] += count * weights[base + label] }
      }
    }
    return scores
  }

  /// The joint log-likelihood of a document given as ascending vocabulary indices and their counts.
  ///
  /// Rows ascend with vocabulary indices, so the sum runs in the order `jointLogLikelihood(_:)`
  /// uses for the same document's text, and gives the same bits.
  func jointLogLikelihood(vocabularyFeatures: ArraySlice<Int32>, counts: ArraySlice<UInt32>) -> [Double] {
    let rows = zip(vocabularyFeatures, counts).lazy
      .map { (row: Int(self.rowOfFeature[Int($0.0)]), count: Double($0.1)) }
      .filter { $0.row >= 0 }
    return jointLogLikelihood(rows)
  }
}
