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

      Memory: JSON Lines corpora are read as a stream and counted a batch at a time, so memory \
      holds the counts and one batch's token ids, not the text (measured on 200 MB of text: 180 MB \
      peak with unigrams; 530 MB with 1-2-grams, where the counts themselves are large). CSV, TSV and \
      folder corpora, --calibrate and --update read the whole corpus first. For corpora whose \
      counts outgrow one machine, train one model per shard and add them up with `stance merge`, \
      which gives the same model byte for byte (scripts/spark/stance_spark.py does this on Spark).
      """)

  @OptionGroup var model: ModelOptions

  @Flag(help: "Fit a softmax temperature on out-of-fold predictions (cross-validation on DATA).")
  var calibrate = false

  @Option(help: "Folds for --calibrate (at least 2).")
  var calibrationFolds = Trainer.defaultCalibrationFolds

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
    try validateJobs(jobs)
    if calibrate && update {
      throw ValidationError("--calibrate needs all the training data; calibrate with a full retrain, not --update")
    }
  }

  func run() throws {
    var job = TrainJob(output: output)
    job.trainer = Trainer(
      options: model.trainingOptions, calibrate: calibrate, calibrationFolds: calibrationFolds, seed: model.seed, jobs: jobs)
    job.update = update
    job.optionsGiven = !model.isDefault
    job.quiet = progressOptions.quiet
    try perform { try job.run(data, console: $0) }
  }
}
