import Foundation

extension NaiveBayesModel: ProbabilisticClassifier {
  /// The model's prediction as evaluation sees it: label, calibrated and uncalibrated probabilities.
  public func scoredPrediction(for text: String) -> ScoredPrediction {
    let prediction = predict(text)
    let probabilities = prediction.probabilities
    let uncalibrated =
      isCalibrated ? prediction.uncalibratedLogProbabilities.map { exp($0) } : probabilities
    return ScoredPrediction(
      label: prediction.label, probabilities: probabilities, uncalibratedProbabilities: uncalibrated)
  }
}
