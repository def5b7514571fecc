/// Predictions of one trained classifier on held-out data.
public struct HeldOutResult: Sendable {
  /// Probability columns: the classifier's labels and every true label, sorted.
  public var labels: [String]
  /// One prediction per passage, in data order.
  public var predictions: [ScoredPrediction]
  /// Passages whose label the classifier does not know, by label.
  public var unknownLabels: [String: Int]
  /// Whether the classifier's probabilities are calibrated.
  public var isCalibrated: Bool
  /// Seconds spent predicting.
  public var predictSeconds: Double
}

/// Held-out evaluation: one trained classifier, one labelled test set.
public enum HeldOut {
  /// Scores every text with `classifier` on up to `jobs` threads, realigning probabilities to
  /// the report's columns; the result does not depend on `jobs`.
  public static func run<C: ProbabilisticClassifier & Sendable>(
    _ classifier: C, texts: [String], labels: [String], jobs: Int = 1
  ) -> HeldOutResult {
    precondition(texts.count == labels.count, "texts and labels must be aligned")
    let columns = Array(Set(classifier.labels).union(labels)).sorted()
    let known = Set(classifier.labels)
    let start = ContinuousClock.now
    let predictions = Parallel.map(count: texts.count, jobs: jobs) {
      classifier.scoredPrediction(for: texts[$0]).realigned(from: classifier.labels, to: columns)
    }
    let seconds = CrossValidation.seconds(since: start)
    var unknown: [String: Int] = [:]
    for label in labels where !known.contains(label) { unknown[label, default: 0] += 1 }
    return HeldOutResult(
      labels: columns, predictions: predictions, unknownLabels: unknown,
      isCalibrated: classifier.isCalibrated, predictSeconds: seconds)
  }
}

extension EvaluationReport {
  /// Builds the report of a held-out evaluation.
  public init(
    heldOut result: HeldOutResult, trueLabels: [String], topics: [String?], sources: [String],
    trainSeconds: Double = 0
  ) {
    self.init(
      mode: "held-out", sources: sources, columns: result.labels, trueLabels: trueLabels,
      predictions: result.predictions, calibrated: result.isCalibrated, topics: topics,
      unknownLabels: result.unknownLabels, folds: nil,
      timing: Timing(trainSeconds: trainSeconds, predictSeconds: result.predictSeconds, folds: []))
  }

  /// Builds the report of a cross-validation run from its pooled out-of-fold predictions.
  public init(
    crossValidation result: CrossValidationResult, trueLabels: [String], topics: [String?],
    sources: [String]
  ) {
    var unknown: [String: Int] = [:]
    for fold in result.folds {
      unknown.merge(fold.unknownLabels, uniquingKeysWith: +)
    }
    let timing = Timing(
      trainSeconds: result.folds.reduce(0) { $0 + $1.trainSeconds },
      predictSeconds: result.folds.reduce(0) { $0 + $1.predictSeconds },
      folds: result.folds.map {
        FoldTiming(fold: $0.fold, trainSeconds: $0.trainSeconds, predictSeconds: $0.predictSeconds)
      }, featureSeconds: result.featureSeconds)
    self.init(
      mode: "cross-validation", sources: sources, columns: result.labels, trueLabels: trueLabels,
      predictions: result.predictions, calibrated: result.isCalibrated, topics: topics,
      unknownLabels: unknown, folds: result.folds, timing: timing)
  }

  /// Builds a report from aligned true labels and predictions whose probabilities follow `columns`.
  public init(
    mode: String, sources: [String], columns: [String], trueLabels: [String],
    predictions: [ScoredPrediction], calibrated: Bool, topics: [String?],
    unknownLabels: [String: Int], folds: [FoldResult]?, timing: Timing
  ) {
    precondition(trueLabels.count == predictions.count, "labels and predictions must be aligned")
    precondition(topics.isEmpty || topics.count == trueLabels.count, "topics must be aligned or empty")
    let matrix = ConfusionMatrix(
      trueLabels: trueLabels, predictedLabels: predictions.map(\.label), labels: columns)
    let metrics = Metrics(matrix)
    let column = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
    let truth = trueLabels.map { column[$0] }

    self.mode = mode
    self.sources = sources
    self.counts = Counts(
      passages: trueLabels.count, correct: matrix.correct,
      unknownLabel: unknownLabels.values.reduce(0, +))
    self.labels = matrix.labels
    self.perClass = metrics.perClass.map {
      ClassReport(
        label: $0.label, precision: Self.defined($0.precision), recall: Self.defined($0.recall),
        f1: Self.defined($0.f1), support: $0.support, predicted: $0.predicted)
    }
    self.confusion = matrix
    self.calibrated = calibrated
    self.probabilities = Self.probabilityReport(predictions.map(\.probabilities), truth)
    self.uncalibrated = Self.probabilityReport(predictions.map(\.uncalibratedProbabilities), truth)
    self.unknownLabels = unknownLabels
    self.gates = []
    self.timing = timing
    // `@Nullable` fields start as nil and are set once the plain ones are.
    self.accuracy = Self.defined(metrics.accuracy)
    self.macroF1 = Self.defined(metrics.macroF1)
    self.stance = Self.stanceSummary(columns: columns, trueLabels: trueLabels, predictions: predictions)

    if let folds {
      self.folds = folds.map {
        FoldReport(
          fold: $0.fold, train: $0.trainCount, test: $0.testCount,
          accuracy: Self.defined($0.metrics.accuracy), macroF1: Self.defined($0.metrics.macroF1),
          unknownLabel: $0.unknownLabels.values.reduce(0, +))
      }
      let accuracies = folds.map(\.metrics.accuracy).filter { !$0.isNaN }
      let f1s = folds.map(\.metrics.macroF1).filter { !$0.isNaN }
      self.foldSummary = FoldSummary(
        meanAccuracy: Self.mean(accuracies), stdAccuracy: Self.standardDeviation(accuracies),
        meanMacroF1: Self.mean(f1s), stdMacroF1: Self.standardDeviation(f1s))
    } else {
      self.folds = nil
      self.foldSummary = nil
    }

    var byTopic: [String: (count: Int, correct: Int)] = [:]
    for (i, topic) in topics.enumerated() {
      guard let topic else { continue }
      let hit = predictions[i].label == trueLabels[i] ? 1 : 0
      byTopic[topic, default: (0, 0)].count += 1
      byTopic[topic, default: (0, 0)].correct += hit
    }
    self.topics =
      byTopic.isEmpty
      ? nil
      : byTopic.keys.sorted().map { topic in
        let entry = byTopic[topic]!
        return TopicReport(
          topic: topic, count: entry.count, correct: entry.correct,
          accuracy: Double(entry.correct) / Double(entry.count))
      }
  }

  /// Restraint-versus-engagement accuracy over the passages labelled either; nil without both labels.
  static func stanceSummary(columns: [String], trueLabels: [String], predictions: [ScoredPrediction])
    -> StanceSummary?
  {
    let rule = ArticleStanceRule()
    guard let r = columns.firstIndex(of: rule.restraint), let e = columns.firstIndex(of: rule.engagement)
    else { return nil }
    var passages = 0
    var right = 0
    var exact = 0
    for (truth, prediction) in zip(trueLabels, predictions) where truth == rule.restraint || truth == rule.engagement {
      passages += 1
      // Log-probabilities when available: a firmly neutral passage can have probability 0 for both.
      let scores = prediction.logProbabilities ?? prediction.probabilities
      let favoured = scores[r] > scores[e] ? rule.restraint : rule.engagement
      if favoured == truth { right += 1 }
      if prediction.label == truth { exact += 1 }
    }
    guard passages > 0 else { return nil }
    return StanceSummary(
      passages: passages, accuracy: Double(right) / Double(passages),
      exactAccuracy: Double(exact) / Double(passages))
  }

  /// Checks `gates` against this report, records the results and returns them.
  @discardableResult
  public mutating func apply(_ gates: [Gate]) -> [GateResult] {
    self.gates = gates.map { $0.check(self) }
    return self.gates
  }

  private static func probabilityReport(_ probabilities: [[Double]], _ truth: [Int?]) -> ProbabilityReport {
    let bins = ProbabilityMetrics.reliability(probabilities: probabilities, truth: truth)
    return ProbabilityReport(
      logLoss: defined(ProbabilityMetrics.logLoss(probabilities: probabilities, truth: truth)),
      brier: defined(ProbabilityMetrics.brier(probabilities: probabilities, truth: truth)),
      ece: defined(ProbabilityMetrics.expectedCalibrationError(bins: bins)),
      reliability: bins)
  }

  private static func defined(_ x: Double) -> Double? { x.isFinite ? x : nil }

  private static func mean(_ xs: [Double]) -> Double? {
    xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count)
  }

  private static func standardDeviation(_ xs: [Double]) -> Double? {
    guard let m = mean(xs) else { return nil }
    return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count)).squareRoot()
  }
}
