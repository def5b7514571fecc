import Foundation

/// `stance train` and `stance merge`: models written by the one writer.
public struct TrainJob: Sendable {
  /// How models are trained.
  public var trainer = Trainer()
  /// `--update`: add the data to the model at `output` instead of training from scratch.
  public var update = false
  /// Whether the training flags were all left at their defaults (`--update` then takes the model's).
  public var optionsGiven = false
  /// The model file to write.
  public var output: String
  /// Whether the progress bar is off.
  public var quiet = false

  /// A job writing to `output`.
  public init(output: String) { self.output = output }

  /// Reads the corpora, trains (or updates) and writes the model; prints a summary line.
  public func run(_ data: [String], console: Console) throws {
    let target = Output(output)
    try target.check()
    // Steps: one per DATA file read, then training, then calibration if asked.
    let progress = Progress(
      "train", total: data.count + 1 + (trainer.calibrate ? 1 : 0), unit: "steps", quiet: quiet)
    defer { progress.finish() }
    progress.phase("reading")
    var model: NaiveBayesModel
    if !update && !trainer.calibrate {
      model = try trainer.train(streaming: data, console: console, progress: progress)
    } else if update {
      let passages = try CommandData.passages(data, skipEmpty: true, console: console, progress: progress)
      model = try NaiveBayesModel(contentsOf: output)
      if optionsGiven && trainer.options != model.options {
        throw CommandFailure(.usage, "--update flags differ from the model's options; omit them or match the model")
      }
      if model.isCalibrated { console.warn("the update drops the model's calibration; retrain with --calibrate") }
      try model.update(with: passages.map(\.example))
      progress.advance()
    } else {
      let passages = try CommandData.passages(data, skipEmpty: true, console: console, progress: progress)
      model = try trainer.train(passages, progress: progress)
    }
    progress.finish()
    try model.write(to: target)
    var summary = "\(model.options.variant.rawValue) model, \(model.labels.count) labels, "
    summary += "\(model.exampleCount) examples, \(model.vocabularySize) features"
    if model.isCalibrated { summary += ", temperature \(String(format: "%.4f", model.temperature))" }
    console.note(summary + " -> \(output)")
  }

  /// Merges models trained on shards into one, equal to a model trained on all their data.
  public static func merge(_ models: [String], output: String, console: Console) throws {
    let target = Output(output)
    try target.check()
    var merged = try NaiveBayesModel(contentsOf: models[0])
    for path in models.dropFirst() {
      let next = try NaiveBayesModel(contentsOf: path)
      do {
        merged = try merged.merged(with: next)
      } catch let error as NaiveBayesError {
        throw CommandFailure(.dataError, file: path, error.description)
      }
    }
    try merged.write(to: target)
    console.note("\(models.count) models, \(merged.labels.count) labels, \(merged.exampleCount) examples -> \(output)")
  }
}
