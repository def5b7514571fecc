import Foundation

/// One fold of a cross-validation run: sizes, figures and time.
public struct FoldResult: Sendable {
  /// The fold number as given (folds need not be numbered 0..<k).
  public var fold: Int
  /// Passages trained on (every other fold).
  public var trainCount: Int
  /// Passages predicted (this fold).
  public var testCount: Int
  /// Accuracy and F1 on this fold's passages.
  public var metrics: Metrics
  /// Test passages whose label the fold's model never saw in training, by label.
  public var unknownLabels: [String: Int]
  /// Seconds spent training this fold's model.
  public var trainSeconds: Double
  /// Seconds spent predicting this fold's passages.
  public var predictSeconds: Double
}

/// Out-of-fold predictions in data order, with per-fold results.
public struct CrossValidationResult: Sendable {
  /// Probability columns of `predictions`: every label in the data, sorted.
  public var labels: [String]
  /// One prediction per passage, each made by the model that did not train on it.
  public var predictions: [ScoredPrediction]
  /// One entry per distinct fold number, ascending.
  public var folds: [FoldResult]
  /// Whether the fold models returned calibrated probabilities.
  public var isCalibrated: Bool
  /// Seconds spent once, before any fold, reading every passage's features (0 when each fold reads its own).
  public var featureSeconds: Double = 0
}

/// The cross-validation driver, generic over the classifier.
public enum CrossValidation {
  /// Trains one model per fold on the other folds and predicts the fold's passages.
  ///
  /// - Parameters:
  ///   - texts: the passages' texts.
  ///   - labels: their true labels, aligned with `texts`.
  ///   - folds: a fold number per passage (see `Folds.check(_:)`).
  ///   - jobs: how many folds to run at once; more is faster but holds more models in memory.
  ///   - train: builds a classifier from the indices of the training passages.
  /// - Returns: out-of-fold predictions whose columns are every label in `labels`, sorted.
  public static func run<C: ProbabilisticClassifier & Sendable>(
    texts: [String], labels: [String], folds: [Int], jobs: Int = 1,
    train: @escaping @Sendable ([Int]) throws -> C
  ) throws -> CrossValidationResult {
    precondition(texts.count == labels.count, "inputs must be aligned")
    return try run(labels: labels, folds: folds, jobs: jobs, train: train) { model, index in
      model.scoredPrediction(for: texts[index])
    }
  }

  /// The driver behind every `run`: `predict` scores passage `index` with a fold's classifier.
  static func run<C: ProbabilisticClassifier & Sendable>(
    labels: [String], folds: [Int], jobs: Int,
    train: @escaping @Sendable ([Int]) throws -> C,
    predict: @escaping @Sendable (C, Int) -> ScoredPrediction
  ) throws -> CrossValidationResult {
    precondition(labels.count == folds.count, "inputs must be aligned")
    try Folds.check(folds)
    let columns = Array(Set(labels)).sorted()
    let foldIDs = Array(Set(folds)).sorted()
    let slots = Slots(count: foldIDs.count)

    let runOne: @Sendable (Int) -> Void = { slot in
      let fold = foldIDs[slot]
      do {
        var trainIndices: [Int] = []
        var testIndices: [Int] = []
        for (i, f) in folds.enumerated() {
          if f == fold { testIndices.append(i) } else { trainIndices.append(i) }
        }
        let trainStart = ContinuousClock.now
        let model = try train(trainIndices)
        let trainSeconds = seconds(since: trainStart)
        let known = Set(model.labels)
        let predictStart = ContinuousClock.now
        let predictions = testIndices.map {
          predict(model, $0).realigned(from: model.labels, to: columns)
        }
        let predictSeconds = seconds(since: predictStart)
        var unknown: [String: Int] = [:]
        for i in testIndices where !known.contains(labels[i]) { unknown[labels[i], default: 0] += 1 }
        let matrix = ConfusionMatrix(
          trueLabels: testIndices.map { labels[$0] }, predictedLabels: predictions.map(\.label))
        let result = FoldResult(
          fold: fold, trainCount: trainIndices.count, testCount: testIndices.count,
          metrics: Metrics(matrix), unknownLabels: unknown,
          trainSeconds: trainSeconds, predictSeconds: predictSeconds)
        slots.set(slot, .success(FoldOutput(result: result, indices: testIndices, predictions: predictions, calibrated: model.isCalibrated)))
      } catch {
        slots.set(slot, .failure(error))
      }
    }

    if jobs <= 1 || foldIDs.count == 1 {
      for slot in foldIDs.indices {
        runOne(slot)
        if case .failure(let error)? = slots.get(slot) { throw error }
      }
    } else {
      let queue = DispatchQueue(label: "stance.cross-validation", attributes: .concurrent)
      let limit = DispatchSemaphore(value: jobs)
      let group = DispatchGroup()
      for slot in foldIDs.indices {
        limit.wait()
        queue.async(group: group) {
          runOne(slot)
          limit.signal()
        }
      }
      group.wait()
    }

    var predictions = [ScoredPrediction?](repeating: nil, count: labels.count)
    var results: [FoldResult] = []
    var calibrated = false
    for slot in foldIDs.indices {
      switch slots.get(slot)! {
      case .failure(let error): throw error
      case .success(let output):
        for (i, p) in zip(output.indices, output.predictions) { predictions[i] = p }
        results.append(output.result)
        calibrated = calibrated || output.calibrated
      }
    }
    return CrossValidationResult(
      labels: columns, predictions: predictions.map { $0! }, folds: results, isCalibrated: calibrated)
  }

  /// Seconds elapsed since `start` on the continuous clock.
  static func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}

private struct FoldOutput: Sendable {
  var result: FoldResult
  var indices: [Int]
  var predictions: [ScoredPrediction]
  var calibrated: Bool
}

/// Per-fold results written from worker threads; each slot is written once, under the lock.
private final class Slots: @unchecked Sendable {
  private var values: [Result<FoldOutput, any Error>?]
  private let lock = NSLock()

  init(count: Int) { values = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Result<FoldOutput, any Error>) {
    lock.lock()
    values[index] = value
    lock.unlock()
  }

  func get(_ index: Int) -> Result<FoldOutput, any Error>? {
    lock.lock()
    defer { lock.unlock() }
    return values[index]
  }
}

extension CrossValidation {
  /// Cross-validates over corpus passages; `train` receives the training passages of each fold.
  public static func run<C: ProbabilisticClassifier & Sendable>(
    passages: [LabelledPassage], folds: [Int], jobs: Int = 1,
    train: @escaping @Sendable ([LabelledPassage]) throws -> C
  ) throws -> CrossValidationResult {
    try run(
      texts: passages.map(\.text), labels: passages.map(\.label), folds: folds, jobs: jobs
    ) { indices in
      try train(indices.map { passages[$0] })
    }
  }
}

extension CrossValidation {
  /// Cross-validates naive Bayes with every passage tokenised and counted once.
  ///
  /// Each fold's model is built from per-passage counts (see `FeatureMatrix`) and predicts exactly
  /// what `NaiveBayesModel(training:options:)` on that fold's training passages would, with the
  /// same errors; only the time differs. The one-off counting is reported as `featureSeconds`.
  ///
  /// - Parameters:
  ///   - calibrationFolds: when given, each fold's model is calibrated (`calibrate(on:folds:)`)
  ///     with the inner fold numbers this returns for the fold's training indices.
  ///   - foldTrained: called after each fold's model is built (for progress reports).
  public static func runNaiveBayes(
    examples: [TrainingExample], folds: [Int], options: TrainingOptions, jobs: Int = 1,
    calibrationFolds: (@Sendable ([Int]) -> [Int])? = nil,
    foldTrained: (@Sendable () -> Void)? = nil
  ) throws -> CrossValidationResult {
    precondition(examples.count == folds.count, "inputs must be aligned")
    try Folds.check(folds)
    let start = ContinuousClock.now
    let matrix = try FeatureMatrix(examples: examples, options: options)
    let featureSeconds = seconds(since: start)
    var result = try run(
      labels: examples.map(\.label), folds: folds, jobs: jobs,
      train: { indices in
        var model = try matrix.model(training: indices)
        if let calibrationFolds {
          try matrix.calibrate(&model, documents: indices, folds: calibrationFolds(indices))
        }
        foldTrained?()
        return model
      },
      predict: { model, index in
        let prediction = matrix.prediction(of: index, by: model)
        return model.scoredPrediction(prediction)
      })
    result.featureSeconds = featureSeconds
    return result
  }
}
