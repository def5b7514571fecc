import Foundation

/// Trains the models of every command (`train`, `evaluate --test`, each cross-validation fold)
/// the same way: the training options, calibration and one seed policy as a value.
public struct Trainer: Sendable {
  /// The seed of fold assignments (calibration's inner folds, cross-validation) when none is given.
  public static let defaultSeed: UInt64 = 20_260_101
  /// Inner folds that fit a model's calibration temperature when none are given.
  public static let defaultCalibrationFolds = 5

  /// The training options.
  public var options: TrainingOptions
  /// Whether each model gets a softmax temperature fitted on out-of-fold predictions.
  public var calibrate: Bool
  /// Inner folds for calibration.
  public var calibrationFolds: Int
  /// The seed of every fold assignment.
  public var seed: UInt64
  /// Threads counting one model's features (the model does not depend on it).
  public var jobs: Int

  /// A trainer; every argument has the default the CLI documents.
  public init(
    options: TrainingOptions = TrainingOptions(), calibrate: Bool = false,
    calibrationFolds: Int = Trainer.defaultCalibrationFolds, seed: UInt64 = Trainer.defaultSeed, jobs: Int = 1
  ) {
    self.options = options
    self.calibrate = calibrate
    self.calibrationFolds = calibrationFolds
    self.seed = seed
    self.jobs = jobs
  }

  /// Trains (and, when asked, calibrates) one model on `passages`.
  public func train(_ passages: [LabelledPassage], progress: Progress? = nil) throws -> NaiveBayesModel {
    let examples = passages.map(\.example)
    progress?.phase("training")
    var model = try NaiveBayesModel(training: examples, options: options, jobs: jobs)
    progress?.advance()
    if calibrate {
      progress?.phase("calibrating")
      try model.calibrate(on: examples, folds: calibrationFolds(passages))
      progress?.advance()
    }
    return model
  }

  /// The inner folds that calibrate a model trained on `passages`: grouped, stratified, seeded.
  public func calibrationFolds(_ passages: [LabelledPassage]) -> [Int] {
    Folds.assign(
      count: passages.count, groups: passages.map(\.group), labels: passages.map(\.label),
      k: calibrationFolds, seed: seed)
  }

  /// The `k` cross-validation folds of `passages`: grouped, stratified, seeded.
  public func folds(_ passages: [LabelledPassage], k: Int) throws -> [Int] {
    let groups = passages.map(\.group)
    let units = Folds.unitCount(groups: groups)
    if units < k { throw FoldsError.tooFewUnits(units: units, folds: k) }
    return Folds.assign(count: passages.count, groups: groups, labels: passages.map(\.label), k: k, seed: seed)
  }

  /// Cross-validates over `passages` with the given fold of each; every fold's model is trained
  /// (and calibrated) by this trainer's rules.
  public func crossValidate(
    _ passages: [LabelledPassage], folds: [Int], jobs: Int, foldTrained: (@Sendable () -> Void)? = nil
  ) throws -> CrossValidationResult {
    let trainer = self
    var calibration: (@Sendable ([Int]) -> [Int])? = nil
    if calibrate {
      calibration = { indices in trainer.calibrationFolds(indices.map { passages[$0] }) }
    }
    return try CrossValidation.runNaiveBayes(
      examples: passages.map(\.example), folds: folds, options: options, jobs: jobs,
      calibrationFolds: calibration, foldTrained: foldTrained)
  }
}

/// Reading what commands train and score on: corpora (warnings on the console) and models.
public enum CommandData {
  /// Most corpora repeat a few texts; past this many warnings the rest are summarised in one line.
  public static let warningsShown = 20

  /// The passages of every corpus in order. Passages whose text is only whitespace are kept
  /// for scoring (they count as errors) and, with `skipEmpty`, skipped with a warning (training).
  public static func passages(_ paths: [String], skipEmpty: Bool, console: Console, progress: Progress? = nil) throws
    -> [LabelledPassage]
  {
    var passages: [LabelledPassage] = []
    for path in paths {
      let corpus = try CorpusReader.read(path: path)
      for warning in corpus.warnings.prefix(warningsShown) {
        console.warn(warning.message, file: warning.file, line: warning.line)
      }
      if corpus.warnings.count > warningsShown {
        console.warn("\(corpus.warnings.count - warningsShown) more warnings not shown", file: path)
      }
      for passage in corpus.passages {
        if skipEmpty && passage.text.allSatisfy(\.isWhitespace) {
          console.warn("empty text skipped", file: path, line: passage.line)
          continue
        }
        passages.append(passage)
      }
      progress?.advance()
    }
    if passages.isEmpty {
      throw CommandFailure(.dataError, file: paths.count == 1 ? paths[0] : nil, "no labelled passages")
    }
    return passages
  }

  /// The model at `path`, or the bundled default model when `path` is nil.
  public static func model(_ path: String?) throws -> NaiveBayesModel {
    try NaiveBayesModel(contentsOf: try path ?? DefaultModel.path())
  }
}
