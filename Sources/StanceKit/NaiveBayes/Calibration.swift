import Foundation

extension NaiveBayesModel {
  /// Trains one model per fold on the other folds, fits a temperature on the out-of-fold scores, stores it.
  ///
  /// `folds[i]` is the fold of `examples[i]`; there must be at least two distinct folds and every
  /// label must be one of the model's. The temperature T minimises the mean log loss of
  /// softmax(log p / T) over the out-of-fold log-probabilities (golden-section search on log T in
  /// [−5, 5]). Fold models use the model's options and labels, and are exact (count subtraction).
  public mutating func calibrate(on examples: [TrainingExample], folds: [Int]) throws {
    try requireCounts("calibrate")
    guard examples.count == folds.count else {
      throw NaiveBayesError.invalidCalibration(
        "\(examples.count) examples but \(folds.count) fold numbers")
    }
    let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    if let unknown = examples.first(where: { labelIndex[$0.label] == nil }) {
      throw NaiveBayesError.invalidCalibration("label \"\(unknown.label)\" is not one of the model's")
    }
    let foldNumbers = Array(Set(folds)).sorted()
    guard foldNumbers.count >= 2 else {
      throw NaiveBayesError.invalidCalibration("need at least 2 folds, got \(foldNumbers.count)")
    }
    // Count every example once; the model for fold k is then the total minus fold k's counts,
    // which equals training on the other folds (zero-count features are invisible to the weights).
    let matrix = try FeatureMatrix(examples: examples, options: options)
    try matrix.calibrate(&self, documents: Array(examples.indices), folds: folds)
  }

  /// The temperature minimising mean log loss, by golden-section search on log T.
  static func fitTemperature(logProbabilities: [[Double]], truth: [Int]) -> Double {
    func loss(_ logT: Double) -> Double {
      let t = exp(logT)
      var total = 0.0
      for (row, label) in zip(logProbabilities, truth) {
        let scaled = row.map { $0 / t }
        let value = LogSpace.logSumExp(scaled) - scaled[label]
        // A fold model can be certain and wrong (−inf); cap so the search still sees a slope.
        total += value.isFinite ? value : Self.lossCap
      }
      return total / Double(max(truth.count, 1))
    }
    var low = Self.logTemperatureRange.lowerBound
    var high = Self.logTemperatureRange.upperBound
    let ratio = (sqrt(5.0) - 1) / 2
    var a = high - ratio * (high - low)
    var b = low + ratio * (high - low)
    var fa = loss(a)
    var fb = loss(b)
    for _ in 0..<Self.searchSteps {
      if fa <= fb {
        high = b
        b = a
        fb = fa
        a = high - ratio * (high - low)
        fa = loss(a)
      } else {
        low = a
        a = b
        fa = fb
        b = low + ratio * (high - low)
        fb = loss(b)
      }
    }
    return exp((low + high) / 2)
  }

  /// log T from e^−5 to e^5 covers every plausible over- and under-confidence.
  static let logTemperatureRange = -5.0...5.0
  /// 60 golden-section steps shrink the interval by 0.618^60 ≈ 3e−13, far below any useful precision.
  static let searchSteps = 60
  /// Per-example loss ceiling (nats) for an infinitely wrong fold prediction.
  static let lossCap = 50.0
}
