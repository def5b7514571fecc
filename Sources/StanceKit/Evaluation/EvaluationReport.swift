// Synthesised `Codable` leaves nil optionals out of the JSON; the encoders below write them as
// null so that every key is always present (undefined precision reads as null, not as absent).

/// Everything one evaluation measured; `Codable` for the JSON report.
///
/// Undefined values (NaN: precision of a never-predicted label, any figure over no samples) are
/// nil, so they encode as JSON null and print as "—". Wall-clock times live under `timing` only,
/// so that two runs over the same input give identical reports apart from that one key.
public struct EvaluationReport: Codable, Sendable {
  /// "held-out" (a trained model on test data) or "cross-validation".
  public var mode: String
  /// The data files evaluated, as given.
  public var sources: [String]
  /// Passage counts.
  public var counts: Counts
  /// Every label in the report (true or predicted), sorted; the confusion matrix's order.
  public var labels: [String]
  /// Fraction predicted correctly.
  public var accuracy: Double?
  /// Unweighted mean F1 over labels, undefined F1 counted as 0 (scikit-learn's zero_division=0).
  public var macroF1: Double?
  /// Precision, recall, F1 and support per label, in `labels` order.
  public var perClass: [ClassReport]
  /// Rows are true labels, columns predicted labels.
  public var confusion: ConfusionMatrix
  /// Whether the probabilities used were calibrated (then `probabilities` differs from `uncalibrated`).
  public var calibrated: Bool
  /// Log loss, Brier and ECE of the probabilities as used (calibrated when the model is).
  public var probabilities: ProbabilityReport
  /// The same figures before calibration: the "before" of a before-and-after comparison.
  public var uncalibrated: ProbabilityReport
  /// Per-fold figures in cross-validation; nil for a held-out evaluation.
  public var folds: [FoldReport]?
  /// Mean and standard deviation of the per-fold figures; nil for a held-out evaluation.
  public var foldSummary: FoldSummary?
  /// Accuracy per value of the passages' `topic` metadata; nil when no passage has one.
  public var topics: [TopicReport]?
  /// Test passages whose label the model never saw in training (counted as errors), by label.
  public var unknownLabels: [String: Int]
  /// Restraint-versus-engagement accuracy, when the labels include both; nil otherwise.
  public var stance: StanceSummary?
  /// Labels whose most indicative features are place or actor names; nil when not checked.
  public var topicLeakage: [TopicLeakage.Warning]?
  /// Gates checked, in the order given.
  public var gates: [GateResult]
  /// The training options of the model(s) evaluated, when known.
  public var training: TrainingOptions?
  /// Wall-clock seconds; the only part that differs between identical runs.
  public var timing: Timing

  /// Passage counts of a report.
  /// How well restraint and engagement passages are told apart.
  ///
  /// `accuracy` reads the binary question a reader of a stance label cares about: on passages
  /// labelled restraint or engagement, does p(restraint) > p(engagement) agree with the label?
  /// `exactAccuracy` is stricter: the passage's overall predicted label must match (a stance
  /// passage called neutral counts as wrong).
  public struct StanceSummary: Codable, Sendable, Hashable {
    /// Passages labelled restraint or engagement.
    public var passages: Int
    /// Share where the more probable of restraint and engagement is the true label.
    public var accuracy: Double
    /// Share whose predicted label (over all labels) is the true label.
    public var exactAccuracy: Double
  }

  public struct Counts: Codable, Sendable, Hashable {
    /// Passages evaluated.
    public var passages: Int
    /// Passages predicted correctly.
    public var correct: Int
    /// Passages whose label the model did not know.
    public var unknownLabel: Int
  }

  /// One label's row of the per-class table.
  public struct ClassReport: Codable, Sendable, Hashable {
    /// The label.
    public var label: String
    /// Precision; nil when the label was never predicted.
    public var precision: Double?
    /// Recall; nil when the label never occurs in the data.
    public var recall: Double?
    /// F1; nil when undefined.
    public var f1: Double?
    /// True passages with this label.
    public var support: Int
    /// Passages predicted as this label.
    public var predicted: Int
  }

  /// Probability-quality figures of one set of probability vectors.
  public struct ProbabilityReport: Codable, Sendable, Hashable {
    /// Mean negative log probability of the true label, clipped at 1e-15.
    public var logLoss: Double?
    /// Mean over passages of Σ_k (p_k − y_k)².
    public var brier: Double?
    /// Expected calibration error over 10 equal-width bins of top-label confidence.
    public var ece: Double?
    /// The bins behind `ece`, for a reliability diagram.
    public var reliability: [ReliabilityBin]
  }

  /// One fold's figures.
  public struct FoldReport: Codable, Sendable, Hashable {
    /// The fold number as given.
    public var fold: Int
    /// Passages trained on.
    public var train: Int
    /// Passages predicted.
    public var test: Int
    /// Accuracy on this fold.
    public var accuracy: Double?
    /// Macro-F1 on this fold.
    public var macroF1: Double?
    /// Passages in this fold whose label its model never saw.
    public var unknownLabel: Int
  }

  /// Mean and (population) standard deviation of the per-fold figures.
  public struct FoldSummary: Codable, Sendable, Hashable {
    /// Mean of per-fold accuracy.
    public var meanAccuracy: Double?
    /// Standard deviation of per-fold accuracy.
    public var stdAccuracy: Double?
    /// Mean of per-fold macro-F1.
    public var meanMacroF1: Double?
    /// Standard deviation of per-fold macro-F1.
    public var stdMacroF1: Double?
  }

  /// Accuracy on the passages of one topic.
  public struct TopicReport: Codable, Sendable, Hashable {
    /// The `topic` metadata value.
    public var topic: String
    /// Passages with this topic.
    public var count: Int
    /// Of those, predicted correctly.
    public var correct: Int
    /// `correct / count`.
    public var accuracy: Double?
  }

  /// Wall-clock seconds spent.
  public struct Timing: Codable, Sendable, Hashable {
    /// Training, summed over folds.
    public var trainSeconds: Double
    /// Prediction, summed over folds.
    public var predictSeconds: Double
    /// Per fold, in `folds` order (empty for held-out).
    public var folds: [FoldTiming]
    /// Tokenising and counting every passage once before the folds (cross-validation only).
    public var featureSeconds: Double

    /// Creates a timing record.
    public init(trainSeconds: Double, predictSeconds: Double, folds: [FoldTiming], featureSeconds: Double = 0) {
      self.trainSeconds = trainSeconds
      self.predictSeconds = predictSeconds
      self.folds = folds
      self.featureSeconds = featureSeconds
    }
  }

  /// One fold's wall-clock seconds.
  public struct FoldTiming: Codable, Sendable, Hashable {
    /// The fold number.
    public var fold: Int
    /// Training seconds.
    public var trainSeconds: Double
    /// Prediction seconds.
    public var predictSeconds: Double
  }
}

extension EvaluationReport {
  /// Encodes every key, writing nil values as null.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(mode, forKey: .mode)
    try c.encode(sources, forKey: .sources)
    try c.encode(counts, forKey: .counts)
    try c.encode(labels, forKey: .labels)
    try c.encodeNullable(accuracy, forKey: .accuracy)
    try c.encodeNullable(macroF1, forKey: .macroF1)
    try c.encode(perClass, forKey: .perClass)
    try c.encode(confusion, forKey: .confusion)
    try c.encode(calibrated, forKey: .calibrated)
    try c.encode(probabilities, forKey: .probabilities)
    try c.encode(uncalibrated, forKey: .uncalibrated)
    try c.encodeNullable(folds, forKey: .folds)
    try c.encodeNullable(foldSummary, forKey: .foldSummary)
    try c.encodeNullable(topics, forKey: .topics)
    try c.encode(unknownLabels, forKey: .unknownLabels)
    try c.encodeNullable(stance, forKey: .stance)
    try c.encodeNullable(topicLeakage, forKey: .topicLeakage)
    try c.encode(gates, forKey: .gates)
    try c.encodeNullable(training, forKey: .training)
    try c.encode(timing, forKey: .timing)
  }
}

extension EvaluationReport.ClassReport {
  /// Encodes every key, writing nil values as null.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(label, forKey: .label)
    try c.encodeNullable(precision, forKey: .precision)
    try c.encodeNullable(recall, forKey: .recall)
    try c.encodeNullable(f1, forKey: .f1)
    try c.encode(support, forKey: .support)
    try c.encode(predicted, forKey: .predicted)
  }
}

extension EvaluationReport.ProbabilityReport {
  /// Encodes every key, writing nil values as null.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeNullable(logLoss, forKey: .logLoss)
    try c.encodeNullable(brier, forKey: .brier)
    try c.encodeNullable(ece, forKey: .ece)
    try c.encode(reliability, forKey: .reliability)
  }
}

extension EvaluationReport.FoldReport {
  /// Encodes every key, writing nil values as null.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(fold, forKey: .fold)
    try c.encode(train, forKey: .train)
    try c.encode(test, forKey: .test)
    try c.encodeNullable(accuracy, forKey: .accuracy)
    try c.encodeNullable(macroF1, forKey: .macroF1)
    try c.encode(unknownLabel, forKey: .unknownLabel)
  }
}

extension EvaluationReport.FoldSummary {
  /// Encodes every key, writing nil values as null.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeNullable(meanAccuracy, forKey: .meanAccuracy)
    try c.encodeNullable(stdAccuracy, forKey: .stdAccuracy)
    try c.encodeNullable(meanMacroF1, forKey: .meanMacroF1)
    try c.encodeNullable(stdMacroF1, forKey: .stdMacroF1)
  }
}

extension EvaluationReport.TopicReport {
  /// Encodes every key, writing nil values as null.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(topic, forKey: .topic)
    try c.encode(count, forKey: .count)
    try c.encode(correct, forKey: .correct)
    try c.encodeNullable(accuracy, forKey: .accuracy)
  }
}

extension KeyedEncodingContainer {
  /// Encodes `value`, or null when it is nil (synthesised code would drop the key).
  mutating func encodeNullable<T: Encodable>(_ value: T?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
  }
}
