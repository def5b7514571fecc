import Foundation

/// A model's verdict on one text: the best label and log-probabilities aligned with `labels`.
public struct Prediction: Sendable {
  /// The most probable label.
  public var label: String
  /// Log-probabilities aligned with the model's labels; temperature-scaled when the model is calibrated.
  public var logProbabilities: [Double]
  /// Log-probabilities before temperature scaling.
  public var uncalibratedLogProbabilities: [Double]

  /// The probabilities, `exp` of `logProbabilities`, summing to 1.
  public var probabilities: [Double] { logProbabilities.map { exp($0) } }
}

/// Numerically stable log-space helpers.
enum LogSpace {
  /// log(∑ exp(values)), shifting by the maximum so nothing overflows.
  static func logSumExp(_ values: [Double]) -> Double {
    guard let top = values.max(), top.isFinite else { return values.max() ?? -.infinity }
    var sum = 0.0
    for value in values { sum += exp(value - top) }
    return top + log(sum)
  }

  /// `values` minus their log-sum-exp: log-probabilities that exponentiate to a distribution.
  static func normalized(_ values: [Double]) -> [Double] {
    let total = logSumExp(values)
    return values.map { $0 - total }
  }
}
