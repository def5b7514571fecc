import ArgumentParser
import StanceKit

/// `stance evaluate`: measures a model on labelled data, held out or by cross-validation.
struct Evaluate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Measure accuracy, macro-F1 and probability quality on labelled data.",
    discussion: """
      Give exactly one mode:
        --model M DATA...           score a trained model on held-out DATA
        --test T DATA...            train on DATA, score on T
        --cross-validate K DATA...  K-fold cross-validation over DATA
        --model M --articles FILE   article-level stance of held-out pages (JSONL of
                                    {"id", "file", "stance"}; files relative to FILE)

      In cross-validation, passages sharing a `group` stay in one fold and folds are \
      stratified by label; --folds FILE (one fold number per passage, aligned with DATA \
      in order) gives the folds instead and may replace --cross-validate. Labels in test \
      data that the model never saw count as errors and are listed.

      With restraint and engagement labels the report adds restraint-vs-engagement accuracy \
      and a topic-leakage check (place or actor names among a label's top 20 features).

      Exit 1 when a gate (--min-accuracy, --min-macro-f1, --min-stance-accuracy, --min-recall) is not met, 64 on usage errors, \
      65 on bad data (corpus, folds file, model file).
      """)

  @Option(help: ArgumentHelp("A trained model to score on DATA (held-out evaluation).", valueName: "file"))
  var model: String?

  @Option(help: ArgumentHelp("Held-out test data: train on DATA, then score on this.", valueName: "file"))
  var test: [String] = []

  @Option(
    name: .customLong("cross-validate"),
    help: ArgumentHelp("Cross-validate with K folds over DATA.", valueName: "K"))
  var crossValidate: Int?

  @Option(help: ArgumentHelp("Fold numbers, one per passage in DATA order (overrides K).", valueName: "file"))
  var folds: String?

  @Flag(help: "Calibrate each trained model (temperature fitted on inner folds of its training data).")
  var calibrate = false

  @Option(help: "Threads: folds trained at the same time, or (with --test/--model) threads training the model and scoring passages. More is faster; more folds use more memory. Results do not depend on it.")
  var jobs: Int = 1

  @OptionGroup(title: "Training (with --test or --cross-validate)")
  var training: ModelOptions

  @OptionGroup var progressOptions: ProgressOptions

  @Option(help: "Report format.")
  var format: ReportFormat = .text

  @OptionGroup var outputOptions: OutputOptions

  @Option(help: ArgumentHelp("Fail (exit 1) when accuracy is below X.", valueName: "X"))
  var minAccuracy: Double?

  @Option(name: .customLong("min-macro-f1"), help: ArgumentHelp("Fail (exit 1) when macro-F1 is below X.", valueName: "X"))
  var minMacroF1: Double?

  @Option(
    name: .customLong("min-stance-accuracy"),
    help: ArgumentHelp("Fail (exit 1) when restraint-vs-engagement accuracy is below X.", valueName: "X"))
  var minStanceAccuracy: Double?

  @Option(
    name: .customLong("min-recall"),
    help: ArgumentHelp("Fail (exit 1) when LABEL's recall is below X (repeatable).", valueName: "LABEL=X"))
  var minRecall: [String] = []

  @Option(help: ArgumentHelp("Held-out articles to classify whole (needs --model); see above.", valueName: "file"))
  var articles: String?

  @Argument(help: ArgumentHelp("Labelled data: JSONL, CSV, TSV or a folder per label.", valueName: "data"))
  var data: [String] = []

  func validate() throws {
    _ = try gates()
    try validateJobs(jobs)
    if articles != nil {
      guard model != nil, test.isEmpty, crossValidate == nil, folds == nil, data.isEmpty else {
        throw ValidationError("--articles needs --model and takes no DATA, --test or cross-validation")
      }
      return
    }
    let modes = [model != nil, !test.isEmpty, crossValidate != nil || folds != nil].filter { $0 }.count
    if modes == 0 {
      throw ValidationError("give --model M, --test T or --cross-validate K (or --folds FILE)")
    }
    if modes > 1 {
      throw ValidationError("--model, --test and --cross-validate/--folds are alternatives; give only one")
    }
    if data.isEmpty { throw ValidationError("give at least one DATA file") }
    if let k = crossValidate, k < 2 { throw ValidationError("--cross-validate needs K >= 2, got \(k)") }
    if model != nil && (calibrate || !training.isDefault) {
      throw ValidationError("training flags and --calibrate need --test or --cross-validate, not --model")
    }
  }

  /// Every gate asked for, each checked for form.
  func gates() throws -> [Gate] {
    var gates: [Gate] = []
    for (metric, name, value) in [
      (GateMetric.accuracy, "--min-accuracy", minAccuracy), (.macroF1, "--min-macro-f1", minMacroF1),
      (.stanceAccuracy, "--min-stance-accuracy", minStanceAccuracy),
    ] {
      guard let value else { continue }
      if !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1, got \(value)") }
      gates.append(Gate(metric: metric, minimum: value))
    }
    for spec in minRecall {
      guard let equals = spec.lastIndex(of: "="), let value = Double(spec[spec.index(after: equals)...]),
        !spec[..<equals].isEmpty, (0...1).contains(value)
      else { throw ValidationError("--min-recall takes LABEL=X with X between 0 and 1, got '\(spec)'") }
      gates.append(Gate(metric: .recall, minimum: value, label: String(spec[..<equals])))
    }
    return gates
  }

  func run() throws {
    let mode: EvaluateJob.Mode
    if let articles, let model {
      mode = .articles(model: model, labels: articles)
    } else if let model {
      mode = .model(model)
    } else if !test.isEmpty {
      mode = .test(test)
    } else if let folds {
      mode = .folds(folds)
    } else {
      mode = .crossValidate(crossValidate!)
    }
    var job = EvaluateJob(mode: mode)
    job.trainer = Trainer(options: training.trainingOptions, calibrate: calibrate, seed: training.seed)
    job.jobs = jobs
    job.format = format
    job.output = outputOptions.output
    job.gates = try gates()
    job.quiet = progressOptions.quiet
    try perform { try job.run(data, console: $0) }
  }
}
