import Foundation

/// One equal-width bin of a reliability diagram over top-label confidence.
public struct ReliabilityBin: Hashable, Codable, Sendable {
  /// Inclusive lower edge of the bin.
  public var lower: Double
  /// Upper edge: exclusive, except that the last bin includes 1.0.
  public var upper: Double
  /// How many samples fall in the bin.
  public var count: Int
  /// Mean top-label probability of those samples; nil when the bin is empty.
  @Nullable public var meanConfidence: Double? = nil
  /// Fraction of those samples whose top label is the true one; nil when the bin is empty.
  @Nullable public var accuracy: Double? = nil
}

/// Log loss, Brier score, expected calibration error and reliability bins of probability vectors.
///
/// `truth[i]` is the column of sample `i`'s true label, or nil when the classifier does not know
/// that label: it then gave the true label probability 0, which log loss clips and Brier counts
/// as a full miss (the one-hot vector has its 1 outside the model's columns).
public enum ProbabilityMetrics {
  /// Probabilities are clipped to at least this before the logarithm (scikit-learn's old `eps`).
  public static let logLossClip = 1e-15
  /// Bins of the reliability diagram and of ECE (Guo et al. 2017 use 15; 10 is the common default).
  public static let defaultBinCount = 10

  /// Mean of −log max(p_true, 1e-15); NaN for no samples.
  public static func logLoss(probabilities: [[Double]], truth: [Int?]) -> Double {
    precondition(probabilities.count == truth.count, "probabilities and truth must be aligned")
    guard !truth.isEmpty else { return .nan }
    var sum = 0.0
    for (p, t) in zip(probabilities, truth) {
      let pTrue = t.map { p[$0] } ?? 0
      sum -= log(max(pTrue, logLossClip))
    }
    return sum / Double(truth.count)
  }

  /// Multi-class Brier score: mean over samples of Σ_k (p_k − y_k)²; NaN for no samples.
  public static func brier(probabilities: [[Double]], truth: [Int?]) -> Double {
    precondition(probabilities.count == truth.count, "probabilities and truth must be aligned")
    guard !truth.isEmpty else { return .nan }
    var sum = 0.0
    for (p, t) in zip(probabilities, truth) {
      for (k, pk) in p.enumerated() {
        let y: Double = k == t ? 1 : 0
        sum += (pk - y) * (pk - y)
      }
      if t == nil { sum += 1 }
    }
    return sum / Double(truth.count)
  }

  /// Bins samples by top-label confidence into `binCount` equal-width bins [i/n, (i+1)/n).
  ///
  /// The top label is the first column of highest probability (ties go to the earlier label,
  /// as argmax does); it counts as correct when it is the true label's column.
  public static func reliability(
    probabilities: [[Double]], truth: [Int?], binCount: Int = defaultBinCount
  ) -> [ReliabilityBin] {
    precondition(probabilities.count == truth.count, "probabilities and truth must be aligned")
    precondition(binCount > 0, "binCount must be positive")
    var counts = Array(repeating: 0, count: binCount)
    var confidenceSums = Array(repeating: 0.0, count: binCount)
    var correctCounts = Array(repeating: 0, count: binCount)
    for (p, t) in zip(probabilities, truth) {
      guard let top = p.indices.max(by: { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) }) else {
        continue
      }
      let confidence = p[top]
      let bin = min(max(Int(confidence * Double(binCount)), 0), binCount - 1)
      counts[bin] += 1
      confidenceSums[bin] += confidence
      if top == t { correctCounts[bin] += 1 }
    }
    return (0..<binCount).map { b in
      let n = counts[b]
      return ReliabilityBin(
        lower: Double(b) / Double(binCount),
        upper: Double(b + 1) / Double(binCount),
        count: n,
        meanConfidence: n == 0 ? nil : confidenceSums[b] / Double(n),
        accuracy: n == 0 ? nil : Double(correctCounts[b]) / Double(n))
    }
  }

  /// Expected calibration error: Σ_b (n_b / N)·|accuracy_b − confidence_b|; NaN for no samples.
  public static func expectedCalibrationError(bins: [ReliabilityBin]) -> Double {
    let total = bins.reduce(0) { $0 + $1.count }
    guard total > 0 else { return .nan }
    var sum = 0.0
    for bin in bins where bin.count > 0 {
      sum += Double(bin.count) * abs(bin.accuracy! - bin.meanConfidence!)
    }
    return sum / Double(total)
  }
}
