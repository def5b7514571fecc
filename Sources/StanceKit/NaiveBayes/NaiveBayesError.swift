/// Why a model could not be trained, updated, merged or calibrated.
public enum NaiveBayesError: Error, Equatable, CustomStringConvertible {
  /// Training needs at least two labels.
  case tooFewLabels(found: [String])
  /// No example produced a single feature.
  case noUsableText
  /// The options are invalid.
  case invalidOptions(String)
  /// Two models, or a model and new options, disagree on training settings.
  case incompatibleOptions(String)
  /// Calibration inputs are inconsistent (fold count, fold numbers, unknown labels).
  case invalidCalibration(String)
  /// The model was read for scoring only (`init(scoringContentsOf:)`) and kept no counts.
  case scoringOnly(operation: String)

  /// A one-line message for the user.
  public var description: String {
    switch self {
    case .tooFewLabels(let found):
      let list = found.isEmpty ? "none" : found.map { "\"\($0)\"" }.joined(separator: ", ")
      return "training needs at least 2 labels; found \(found.count) (\(list))"
    case .noUsableText:
      return "no training text produced any feature"
    case .invalidOptions(let message):
      return "invalid training options: \(message)"
    case .incompatibleOptions(let message):
      return "incompatible models: \(message)"
    case .invalidCalibration(let message):
      return "cannot calibrate: \(message)"
    case .scoringOnly(let operation):
      return "cannot \(operation) a model read for scoring only; read it with init(contentsOf:)"
    }
  }
}
