/// What a classifier said about one text: its label and a probability for each of its labels.
public struct ScoredPrediction: Hashable, Sendable {
  /// The predicted label (the classifier's argmax).
  public var label: String
  /// Probabilities aligned with the classifier's labels (or, after `realigned`, any column list).
  public var probabilities: [Double]
  /// The same before calibration; equal to `probabilities` for an uncalibrated classifier.
  public var uncalibratedProbabilities: [Double]
  /// The natural logarithms of `probabilities` when the classifier has them (naive Bayes does):
  /// comparing two labels that both underflow to probability 0 needs them.
  public var logProbabilities: [Double]?

  /// Creates a prediction from its parts.
  public init(
    label: String, probabilities: [Double], uncalibratedProbabilities: [Double], logProbabilities: [Double]? = nil
  ) {
    self.label = label
    self.probabilities = probabilities
    self.uncalibratedProbabilities = uncalibratedProbabilities
    self.logProbabilities = logProbabilities
  }

  /// The same prediction with probability columns moved from `labels` to `columns`.
  ///
  /// A column the classifier does not know gets probability 0; a classifier label missing from
  /// `columns` is a programming error.
  public func realigned(from labels: [String], to columns: [String]) -> ScoredPrediction {
    if labels == columns { return self }
    let position = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    precondition(labels.allSatisfy(Set(columns).contains), "columns must include every classifier label")
    func move(_ p: [Double]) -> [Double] { columns.map { position[$0].map { p[$0] } ?? 0 } }
    return ScoredPrediction(
      label: label, probabilities: move(probabilities),
      uncalibratedProbabilities: move(uncalibratedProbabilities),
      logProbabilities: logProbabilities.map { logs in columns.map { position[$0].map { logs[$0] } ?? -.infinity } })
  }
}

/// Anything evaluation can score: a fixed label list and a probability vector per text.
public protocol ProbabilisticClassifier {
  /// The labels the classifier can predict, sorted.
  var labels: [String] { get }
  /// Whether `scoredPrediction(for:)` returns calibrated probabilities distinct from the uncalibrated ones.
  var isCalibrated: Bool { get }
  /// Scores one text.
  func scoredPrediction(for text: String) -> ScoredPrediction
}
