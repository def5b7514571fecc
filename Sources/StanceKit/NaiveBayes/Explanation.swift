import Foundation

/// One feature's share of a passage's log-odds between the predicted label and the runner-up.
public struct FeatureContribution: Codable, Hashable, Sendable {
  /// The n-gram, or "(absent features)" for the Bernoulli absence terms taken together.
  public var feature: String
  /// How often the feature counted in the passage (1 under presence counting; 0 for absences).
  public var count: Double
  /// count · (weight for the predicted label − weight for the runner-up), in nats.
  public var value: Double
}

/// Why a model chose a label for a passage: contributions that add up to the log-odds.
public struct Explanation: Codable, Hashable, Sendable {
  /// The predicted label.
  public var label: String
  /// The second most probable label.
  public var runnerUp: String
  /// Uncalibrated log P(label | text) − log P(runner-up | text).
  public var logOdds: Double
  /// `logOdds / temperature`: the calibrated log-odds (equal to `logOdds` when uncalibrated).
  public var calibratedLogOdds: Double
  /// The model's temperature (1 when uncalibrated).
  public var temperature: Double
  /// log prior(label) − log prior(runner-up); 0 for complement naive Bayes, which has no prior.
  public var priorTerm: Double
  /// Every contribution, largest magnitude first; with `priorTerm` they sum to `logOdds`.
  public var contributions: [FeatureContribution]

  /// The name of the aggregated Bernoulli absence entry.
  public static let absentFeatures = "(absent features)"
}

/// A feature that points towards one label: its log-likelihood ratio against the other labels.
public struct IndicativeFeature: Codable, Hashable, Sendable {
  /// The n-gram.
  public var feature: String
  /// log P(f | c) − log P(f | not c), both smoothed like the model (see `indicativeFeatures(top:)`).
  public var score: Double
  /// The feature's training count in the label.
  public var count: Double
}

extension NaiveBayesModel {
  /// Explains the prediction for `text` as per-feature contributions to its log-odds.
  public func explain(_ text: String) -> Explanation {
    let scorer = self.scorer  // built once, not locked per use
    let (jll, features) = score(text)
    let order = jll.indices.sorted { jll[$0] != jll[$1] ? jll[$0] > jll[$1] : $0 < $1 }
    let best = order[0]
    let second = order.count > 1 ? order[1] : order[0]
    let isBernoulli = options.variant == .bernoulli
    var contributions: [FeatureContribution] = []
    contributions.reserveCapacity(features.count + 1)
    var absent = 0.0
    if isBernoulli {
      // bias = prior + ∑ log(1−p); the absent part is that sum minus the present features' terms.
      absent = (scorer.bias[best] - scorer.logPrior[best]) - (scorer.bias[second] - scorer.logPrior[second])
    }
    for (row, count) in features {
      var value = count * (scorer.weight(row: row, label: best) - scorer.weight(row: row, label: second))
      if isBernoulli {
        let presentAbsence = scorer.logAbsence(row: row, label: best) - scorer.logAbsence(row: row, label: second)
        value += presentAbsence
        absent -= presentAbsence
      }
      contributions.append(
        FeatureContribution(
          feature: feature(Int(scorer.rowFeature[row])), count: count, value: value))
    }
    contributions.sort {
      abs($0.value) != abs($1.value) ? abs($0.value) > abs($1.value) : ByteOrder.precedes($0.feature, $1.feature)
    }
    if isBernoulli {
      contributions.append(FeatureContribution(feature: Explanation.absentFeatures, count: 0, value: absent))
    }
    let priorTerm = options.variant == .complement ? 0 : scorer.logPrior[best] - scorer.logPrior[second]
    let raw = LogSpace.normalized(jll)
    let logOdds = raw[best] - raw[second]
    return Explanation(
      label: labels[best], runnerUp: labels[second], logOdds: logOdds,
      calibratedLogOdds: logOdds / temperature, temperature: temperature, priorTerm: priorTerm,
      contributions: contributions)
  }

  /// The `top` most indicative features per label, by log-likelihood ratio.
  ///
  /// score(f, c) = log P(f | c) − log P(f | not c), where "not c" pools the counts of every other
  /// label (for two labels: the other label). P is smoothed with the model's alpha: for
  /// multinomial and complement models P(f | c) = (N_fc + α) / (N_c + α|V|) over token counts,
  /// for Bernoulli P(f | c) = (D_fc + α) / (D_c + 2α) over document counts. Features below
  /// `minCount` are left out; ties go to the alphabetically first feature.
  public func indicativeFeatures(top: Int) -> [String: [IndicativeFeature]] {
    let scorer = self.scorer  // built once, not locked per use
    let labelCount = counts.labels.count
    let alpha = options.alpha
    let active = scorer.rowFeature.map(Int.init)
    let activeCount = Double(active.count)
    var featureTotals = [Double](repeating: 0, count: active.count)
    var labelTotals = [Double](repeating: 0, count: labelCount)
    for (row, feature) in active.enumerated() {
      for cell in counts.rowStarts[feature]..<counts.rowStarts[feature + 1] {
        featureTotals[row] += counts.cellCounts[cell]
        labelTotals[Int(counts.cellLabels[cell])] += counts.cellCounts[cell]
      }
    }
    let allDocuments = counts.documentCounts.reduce(0, +)
    let allTokens = labelTotals.reduce(0, +)
    var best = (0..<labelCount).map { _ in TopK(capacity: max(0, top)) }
    var inside = [Double](repeating: 0, count: labelCount)
    for (row, feature) in active.enumerated() {
      let cells = counts.rowStarts[feature]..<counts.rowStarts[feature + 1]
      for cell in cells { inside[Int(counts.cellLabels[cell])] = counts.cellCounts[cell] }
      for label in 0..<labelCount {
        let outside = featureTotals[row] - inside[label]
        let score: Double
        if options.variant == .bernoulli {
          let documents = counts.documentCounts[label]
          score = log((inside[label] + alpha) / (documents + 2 * alpha))
            - log((outside + alpha) / (allDocuments - documents + 2 * alpha))
        } else {
          let tokens = labelTotals[label]
          score = log((inside[label] + alpha) / (tokens + alpha * activeCount))
            - log((outside + alpha) / (allTokens - tokens + alpha * activeCount))
        }
        best[label].offer(score: score, feature: feature)
      }
      for cell in cells { inside[Int(counts.cellLabels[cell])] = 0 }
    }
    var result: [String: [IndicativeFeature]] = [:]
    for label in 0..<labelCount {
      let scored = best[label].sorted(vocabulary: counts.vocabulary).map { score, feature in
        IndicativeFeature(
          feature: counts.vocabulary[feature], score: score, count: counts.count(label: label, feature: feature))
      }
      result[counts.labels[label]] = scored
    }
    return result
  }
}

/// The `capacity` highest-scoring features seen, kept in a min-heap so a huge vocabulary is one pass.
struct TopK {
  let capacity: Int
  private var heap: [(score: Double, feature: Int)] = []

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// Whether `a` ranks below `b`: lower score, or equal score and a later feature (vocabulary is byte-sorted).
  private static func below(_ a: (score: Double, feature: Int), _ b: (score: Double, feature: Int)) -> Bool {
    a.score != b.score ? a.score < b.score : a.feature > b.feature
  }

  mutating func offer(score: Double, feature: Int) {
    let item = (score: score, feature: feature)
    if heap.count < capacity {
      heap.append(item)
      var child = heap.count - 1
      while child > 0 {
        let parent = (child - 1) / 2
        guard Self.below(heap[child], heap[parent]) else { break }
        heap.swapAt(child, parent)
        child = parent
      }
    } else if capacity > 0 && Self.below(heap[0], item) {
      heap[0] = item
      var parent = 0
      while true {
        let left = 2 * parent + 1
        let right = left + 1
        var smallest = parent
        if left < heap.count && Self.below(heap[left], heap[smallest]) { smallest = left }
        if right < heap.count && Self.below(heap[right], heap[smallest]) { smallest = right }
        if smallest == parent { break }
        heap.swapAt(parent, smallest)
        parent = smallest
      }
    }
  }

  /// Best first; ties go to the feature earlier in the (byte-sorted) vocabulary.
  func sorted(vocabulary: Vocabulary) -> [(score: Double, feature: Int)] {
    heap.sorted { Self.below($1, $0) }
  }
}
