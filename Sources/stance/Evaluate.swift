import ArgumentParser
import Foundation
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

  /// Inner folds used to fit each model's calibration temperature on its own training data.
  static let calibrationFolds = 5

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

  @Option(help: "Seed of the fold assignment (and of calibration's inner folds).")
  var seed: UInt64 = 1

  @Flag(help: "Calibrate each trained model (temperature fitted on inner folds of its training data).")
  var calibrate = false

  @Option(help: "Threads: folds trained at the same time, or (with --test/--model) threads training the model and scoring passages. More is faster; more folds use more memory. Results do not depend on it.")
  var jobs: Int = 1

  @OptionGroup(title: "Training (with --test or --cross-validate)")
  var training: ModelOptions

  @OptionGroup var progressOptions: ProgressOptions

  @Option(help: "Report format.")
  var format: ReportFormat = .text

  @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the report here instead of standard output.", valueName: "file"))
  var output: String?

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
    if articles != nil {
      guard model != nil, test.isEmpty, crossValidate == nil, folds == nil, data.isEmpty else {
        throw ValidationError("--articles needs --model and takes no DATA, --test or cross-validation")
      }
      return try validateGates()
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
    try validateGates()
    if jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
  }

  func validateGates() throws {
    let gates = [
      ("--min-accuracy", minAccuracy), ("--min-macro-f1", minMacroF1), ("--min-stance-accuracy", minStanceAccuracy),
    ]
    for (name, value) in gates {
      if let value, !(0...1).contains(value) {
        throw ValidationError("\(name) must be between 0 and 1, got \(value)")
      }
    }
    _ = try recallGates()
  }

  /// The `--min-recall LABEL=X` gates, checked for form.
  func recallGates() throws -> [Gate] {
    try minRecall.map { spec in
      guard let equals = spec.lastIndex(of: "="), let value = Double(spec[spec.index(after: equals)...]),
        !spec[..<equals].isEmpty, (0...1).contains(value)
      else { throw ValidationError("--min-recall takes LABEL=X with X between 0 and 1, got '\(spec)'") }
      return Gate(metric: .recall, minimum: value, label: String(spec[..<equals]))
    }
  }

  func run() throws {
    if let articles { return try runArticles(articles) }
    var report: EvaluationReport
    do {
      report = try makeReport()
      if model == nil { report.training = training.trainingOptions }
    } catch let error as EvaluationFailure {
      printError("stance evaluate: \(error.message)")
      throw error.exit
    } catch {
      // Corpus, folds-file, model-file and training errors all describe bad input data.
      printError("stance evaluate: \(error)")
      throw Exit.dataError
    }
    var gates: [Gate] = []
    if let minAccuracy { gates.append(Gate(metric: .accuracy, minimum: minAccuracy)) }
    if let minMacroF1 { gates.append(Gate(metric: .macroF1, minimum: minMacroF1)) }
    if let minStanceAccuracy { gates.append(Gate(metric: .stanceAccuracy, minimum: minStanceAccuracy)) }
    gates += try recallGates()
    let results = report.apply(gates)

    let text: String
    do {
      text = format == .html ? try htmlReport(report) : try report.rendered(as: format)
    } catch {
      printError("stance evaluate: cannot encode the report: \(error)")
      throw Exit.failure
    }
    if let output {
      do {
        try AtomicFile.write(text, to: output)
      } catch {
        printError("stance evaluate: cannot write \(output): \(error.localizedDescription)")
        throw Exit.failure
      }
    } else {
      FileHandle.standardOutput.write(Data(text.utf8))
    }
    for result in results where !result.passed { printError(result.message) }
    if results.contains(where: { !$0.passed }) { throw Exit.failure }
  }

  /// Reads the data, trains or loads, predicts and builds the report.
  private func makeReport() throws -> EvaluationReport {
    let passages = try CorpusLoading.read(data, skipEmpty: false)
    if passages.isEmpty { throw EvaluationFailure(Exit.dataError, "no labelled passages in \(data.joined(separator: ", "))") }
    let topics = Self.topics(passages)

    if let model {
      let classifier = try NaiveBayesModel(contentsOf: model)
      let result = HeldOut.run(classifier, texts: passages.map(\.text), labels: passages.map(\.label), jobs: jobs)
      var report = EvaluationReport(heldOut: result, trueLabels: passages.map(\.label), topics: topics, sources: data)
      report.training = classifier.options
      report.checkTopicLeakage(of: classifier)
      return report
    }

    if !test.isEmpty {
      let testPassages = try CorpusLoading.read(test, skipEmpty: false)
      if testPassages.isEmpty { throw EvaluationFailure(Exit.dataError, "no labelled passages in \(test.joined(separator: ", "))") }
      let start = ContinuousClock.now
      let classifier = try trainer.train(passages)
      let trainSeconds = Self.seconds(since: start)
      let result = HeldOut.run(classifier, texts: testPassages.map(\.text), labels: testPassages.map(\.label), jobs: jobs)
      var report = EvaluationReport(
        heldOut: result, trueLabels: testPassages.map(\.label), topics: Self.topics(testPassages),
        sources: test, trainSeconds: trainSeconds)
      report.checkTopicLeakage(of: classifier)
      return report
    }

    let assignment: [Int]
    if let folds {
      assignment = try Folds.read(path: folds, count: passages.count)
      try Folds.checkGroups(passages.map(\.group), folds: assignment)
    } else {
      let k = crossValidate!
      let groups = passages.map(\.group)
      let units = Folds.unitCount(groups: groups)
      if units < k {
        throw EvaluationFailure(Exit.dataError, "cannot make \(k) folds from \(units) groups or ungrouped passages")
      }
      assignment = Folds.assign(count: passages.count, groups: groups, labels: passages.map(\.label), k: k, seed: seed)
    }
    let trainer = self.trainer
    let progress = Progress("cross-validate", total: Set(assignment).count, unit: "folds", quiet: progressOptions.quiet)
    defer { progress.finish() }
    var calibrationFolds: (@Sendable ([Int]) -> [Int])? = nil
    if trainer.calibrate {
      calibrationFolds = { indices in trainer.calibrationFolds(indices.map { passages[$0] }) }
    }
    let result = try CrossValidation.runNaiveBayes(
      examples: passages.map(\.example), folds: assignment, options: trainer.options, jobs: jobs,
      calibrationFolds: calibrationFolds, foldTrained: { progress.advance() })
    var report = EvaluationReport(crossValidation: result, trueLabels: passages.map(\.label), topics: topics, sources: data)
    if report.stance != nil {
      // Leakage is a property of what the data teaches: read it off a model trained on all of it.
      report.checkTopicLeakage(of: try NaiveBayesModel(
        training: passages.filter { !$0.text.isEmpty }.map { TrainingExample(text: $0.text, label: $0.label) },
        options: training.trainingOptions))
    }
    return report
  }

  /// The HTML page; its indicative n-grams come from the evaluated model or one trained on all of DATA.
  private func htmlReport(_ report: EvaluationReport) throws -> String {
    let features: NaiveBayesModel
    if let model {
      features = try NaiveBayesModel(contentsOf: model)
    } else {
      let passages = try data.flatMap { try CorpusReader.read(path: $0).passages }
      features = try NaiveBayesModel(
        training: passages.filter { !$0.text.allSatisfy(\.isWhitespace) }.map(\.example), options: training.trainingOptions)
    }
    return EvaluationHTMLReport(report: report, model: features).html()
  }

  private var trainer: Trainer {
    Trainer(options: training.trainingOptions, calibrate: calibrate, seed: seed, jobs: jobs)
  }

  /// The `topic` metadata of each passage, or an empty list when no passage has one.
  private static func topics(_ passages: [LabelledPassage]) -> [String?] {
    let topics = passages.map { $0.metadata["topic"] }
    return topics.contains { $0 != nil } ? topics : []
  }

  private static func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}

extension ReportFormat: ExpressibleByArgument {}

/// Trains the models of one evaluation: the training flags, calibration and seed as a value.
struct Trainer: Sendable {
  var options: TrainingOptions
  var calibrate: Bool
  var seed: UInt64
  /// Threads counting one model's features.
  var jobs = 1

  /// Trains (and, with --calibrate, calibrates) one model on `passages`.
  func train(_ passages: [LabelledPassage]) throws -> NaiveBayesModel {
    let examples = passages.map(\.example)
    var model = try NaiveBayesModel(training: examples, options: options, jobs: jobs)
    if calibrate {
      try model.calibrate(on: examples, folds: calibrationFolds(passages))
    }
    return model
  }

  /// The inner folds that calibrate a model trained on `passages`: grouped, stratified, seeded.
  func calibrationFolds(_ passages: [LabelledPassage]) -> [Int] {
    Folds.assign(
      count: passages.count, groups: passages.map(\.group), labels: passages.map(\.label),
      k: Evaluate.calibrationFolds, seed: seed)
  }
}

/// An error already described for the user, with the exit status it maps to.
struct EvaluationFailure: Error {
  var exit: ExitCode
  var message: String

  init(_ exit: ExitCode, _ message: String) {
    self.exit = exit
    self.message = message
  }
}
