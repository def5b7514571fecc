import Foundation

extension NaiveBayesModel: ProbabilisticClassifier {
  /// The model's prediction as evaluation sees it: label, calibrated and uncalibrated probabilities.
  public func scoredPrediction(for text: String) -> ScoredPrediction {
    scoredPrediction(predict(text))
  }

  /// `prediction` as evaluation sees it.
  func scoredPrediction(_ prediction: Prediction) -> ScoredPrediction {
    let probabilities = prediction.probabilities
    let uncalibrated =
      isCalibrated ? prediction.uncalibratedLogProbabilities.map { exp($0) } : probabilities
    return ScoredPrediction(
      label: prediction.label, probabilities: probabilities, uncalibratedProbabilities: uncalibrated,
      logProbabilities: prediction.logProbabilities)
  }
}
