import Foundation

/// A figure an evaluation gate can require a minimum of.
public enum GateMetric: String, Codable, CaseIterable, Sendable {
  /// Fraction predicted correctly.
  case accuracy
  /// Macro-averaged F1.
  case macroF1
  /// Restraint-versus-engagement accuracy on the passages labelled either.
  case stanceAccuracy
  /// Recall of the gate's `label`: the share of its passages predicted as it.
  case recall

  /// The name used in messages and reports.
  public var displayName: String {
    switch self {
    case .accuracy: return "accuracy"
    case .macroF1: return "macro-F1"
    case .stanceAccuracy: return "restraint-vs-engagement accuracy"
    case .recall: return "recall"
    }
  }
}

/// A floor on one metric; an evaluation below it fails (exit 1 in the CLI).
public struct Gate: Hashable, Codable, Sendable {
  /// Which figure is checked.
  public var metric: GateMetric
  /// The lowest acceptable value, in [0, 1].
  public var minimum: Double
  /// The label a per-label metric (`recall`) is about; nil for whole-report metrics.
  public var label: String?

  /// Creates a gate on `metric` at `minimum` (for `recall`, of `label`).
  public init(metric: GateMetric, minimum: Double, label: String? = nil) {
    self.metric = metric
    self.minimum = minimum
    self.label = label
  }
}

/// Whether one gate was met, with the measured value.
public struct GateResult: Hashable, Codable, Sendable {
  /// The metric's display name, e.g. "macro-F1".
  public var metric: String
  /// The floor.
  public var minimum: Double
  /// The measured value; nil when undefined (no samples), which fails the gate.
  @Nullable public var value: Double? = nil
  /// Whether `value >= minimum`.
  public var passed: Bool

  /// The result of requiring at least `minimum` of the figure `metric`, measured as `value`.
  public init(metric: String, minimum: Double, value: Double?) {
    self.metric = metric
    self.minimum = minimum
    self.value = value
    self.passed = value.map { $0 >= minimum } ?? false
  }

  /// A one-line verdict such as "gate failed: macro-F1 0.812 < 0.850".
  public var message: String {
    guard let value else { return "gate failed: \(metric) undefined (no samples) < \(Gate.format(minimum, 3))" }
    // Use enough digits that a near miss never prints as "0.850 < 0.850".
    var digits = 3
    while digits < 6, Gate.format(value, digits) == Gate.format(minimum, digits) { digits += 1 }
    let relation = passed ? ">=" : "<"
    return "gate \(passed ? "passed" : "failed"): \(metric) \(Gate.format(value, digits)) \(relation) \(Gate.format(minimum, digits))"
  }
}

extension Gate {
  /// Checks this gate against a report.
  public func check(_ report: EvaluationReport) -> GateResult {
    let value: Double? =
      switch metric {
      case .accuracy: report.accuracy
      case .macroF1: report.macroF1
      case .stanceAccuracy: report.stance?.accuracy
      case .recall: report.perClass.first { $0.label == label }?.recall
      }
    let name = label.map { "\(metric.displayName) of \($0)" } ?? metric.displayName
    return GateResult(metric: name, minimum: minimum, value: value)
  }

  static func format(_ x: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", x)
  }
}
