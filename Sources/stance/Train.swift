import ArgumentParser
import StanceKit

/// `stance train`: reads labelled corpora and writes a naive Bayes model file.
struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a naive Bayes model from labelled corpora.",
    discussion: """
      DATA are JSON Lines (.jsonl: {"text", "label"[, "id", "group", ...]}), CSV or TSV files \
      with a header row (text,label[,id,group,...]), or folders with one subfolder of .txt files \
      per label. Empty texts are skipped with a warning. With --update the training flags may be \
      omitted; if given they must match the model's. Exit 65 on bad data.
      """)

  @OptionGroup var model: ModelOptions

  @Flag(help: "Fit a softmax temperature on out-of-fold predictions (cross-validation on DATA).")
  var calibrate = false

  @Option(help: "Folds for --calibrate (at least 2).")
  var calibrationFolds = 5

  @Option(help: "Seed for the --calibrate fold assignment.")
  var seed: UInt64 = 20_260_101

  @Flag(help: "Add DATA to the existing model at --output instead of training from scratch.")
  var update = false

  @Option(help: "Threads counting features (the model file does not depend on it).")
  var jobs = 1

  @Option(name: .shortAndLong, help: "Model file to write.")
  var output: String

  @OptionGroup var progressOptions: ProgressOptions

  @Argument(help: "Corpus files or folders.")
  var data: [String]

  func validate() throws {
    if data.isEmpty { throw ValidationError("give at least one DATA file") }
    if calibrationFolds < 2 { throw ValidationError("--calibration-folds must be at least 2") }
    if jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    if calibrate && update {
      throw ValidationError("--calibrate needs all the training data; calibrate with a full retrain, not --update")
    }
  }

  func run() throws {
    // Steps: one per DATA file read, then training, then calibration if asked.
    let progress = Progress("train", total: data.count + 1 + (calibrate ? 1 : 0), unit: "steps", quiet: progressOptions.quiet)
    defer { progress.finish() }
    var passages: [LabelledPassage] = []
    do {
      progress.phase("reading")
      for path in data {
        passages += try CorpusLoading.read([path], skipEmpty: true)
        progress.advance()
      }
    } catch let error as CorpusError {
      progress.clear()
      printError("stance train: \(error)")
      throw Exit.dataError
    }
    let examples = passages.map(\.example)
    var trained: NaiveBayesModel
    do {
      if update {
        trained = try NaiveBayesModel(contentsOf: output)
        if !model.isDefault && model.trainingOptions != trained.options {
          printError("stance train: --update flags differ from the model's options; omit them or match the model")
          throw Exit.usage
        }
        if trained.isCalibrated {
          printError("stance train: warning: the update drops the model's calibration; retrain with --calibrate")
        }
        try trained.update(with: examples)
      } else {
        progress.phase("training")
        trained = try NaiveBayesModel(training: examples, options: model.trainingOptions, jobs: jobs)
      }
      progress.advance()
      if calibrate {
        progress.phase("calibrating")
        let folds = Folds.assign(
          count: passages.count, groups: passages.map(\.group), labels: passages.map(\.label),
          k: calibrationFolds, seed: seed)
        try trained.calibrate(on: examples, folds: folds)
        progress.advance()
      }
      progress.finish()
    } catch let error as NaiveBayesError {
      printError("stance train: \(error)")
      throw Exit.dataError
    } catch let error as ModelFileError {
      printError("stance train: \(error)")
      throw Exit.dataError
    }
    do {
      try trained.write(to: output)
    } catch {
      printError("stance train: \(error)")
      throw Exit.failure
    }
    var summary = "stance train: \(trained.options.variant.rawValue) model, \(trained.labels.count) labels, "
    summary += "\(trained.exampleCount) examples, \(trained.vocabularySize) features"
    if trained.isCalibrated {
      summary += ", temperature \(String(format: "%.4f", trained.temperature))"
    }
    printError(summary + " -> \(output)")
  }
}

