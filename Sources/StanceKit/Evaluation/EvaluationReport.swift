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
  @Nullable public var accuracy: Double? = nil
  /// Unweighted mean F1 over labels, undefined F1 counted as 0 (scikit-learn's zero_division=0).
  @Nullable public var macroF1: Double? = nil
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
  @Nullable public var folds: [FoldReport]? = nil
  /// Mean and standard deviation of the per-fold figures; nil for a held-out evaluation.
  @Nullable public var foldSummary: FoldSummary? = nil
  /// Accuracy per value of the passages' `topic` metadata; nil when no passage has one.
  @Nullable public var topics: [TopicReport]? = nil
  /// Test passages whose label the model never saw in training (counted as errors), by label.
  public var unknownLabels: [String: Int]
  /// Restraint-versus-engagement accuracy, when the labels include both; nil otherwise.
  @Nullable public var stance: StanceSummary? = nil
  /// Labels whose most indicative features are place or actor names; nil when not checked.
  @Nullable public var topicLeakage: [TopicLeakage.Warning]? = nil
  /// Gates checked, in the order given.
  public var gates: [GateResult]
  /// The training options of the model(s) evaluated, when known.
  @Nullable public var training: TrainingOptions? = nil
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
    @Nullable public var precision: Double? = nil
    /// Recall; nil when the label never occurs in the data.
    @Nullable public var recall: Double? = nil
    /// F1; nil when undefined.
    @Nullable public var f1: Double? = nil
    /// True passages with this label.
    public var support: Int
    /// Passages predicted as this label.
    public var predicted: Int
  }

  /// Probability-quality figures of one set of probability vectors.
  public struct ProbabilityReport: Codable, Sendable, Hashable {
    /// Mean negative log probability of the true label, clipped at 1e-15.
    @Nullable public var logLoss: Double? = nil
    /// Mean over passages of Σ_k (p_k − y_k)².
    @Nullable public var brier: Double? = nil
    /// Expected calibration error over 10 equal-width bins of top-label confidence.
    @Nullable public var ece: Double? = nil
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
    @Nullable public var accuracy: Double? = nil
    /// Macro-F1 on this fold.
    @Nullable public var macroF1: Double? = nil
    /// Passages in this fold whose label its model never saw.
    public var unknownLabel: Int
  }

  /// Mean and (population) standard deviation of the per-fold figures.
  public struct FoldSummary: Codable, Sendable, Hashable {
    /// Mean of per-fold accuracy.
    @Nullable public var meanAccuracy: Double? = nil
    /// Standard deviation of per-fold accuracy.
    @Nullable public var stdAccuracy: Double? = nil
    /// Mean of per-fold macro-F1.
    @Nullable public var meanMacroF1: Double? = nil
    /// Standard deviation of per-fold macro-F1.
    @Nullable public var stdMacroF1: Double? = nil
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
    @Nullable public var accuracy: Double? = nil
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
