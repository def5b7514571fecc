import Foundation

/// `stance evaluate`: a model measured on labelled data, held out or by cross-validation, or on
/// whole labelled pages.
public struct EvaluateJob: Sendable {
  /// What is evaluated.
  public enum Mode: Sendable {
    /// A trained model scored on held-out data.
    case model(String)
    /// A model trained on the data, scored on these test files.
    case test([String])
    /// Cross-validation with K seeded folds.
    case crossValidate(Int)
    /// Cross-validation with the folds in this file.
    case folds(String)
    /// A trained model's verdicts on the pages this labels file lists.
    case articles(model: String, labels: String)
  }

  /// What is evaluated.
  public var mode: Mode
  /// How models are trained (with `.test` and cross-validation).
  public var trainer = Trainer()
  /// Threads: folds trained at once, or threads training and scoring one model.
  public var jobs = 1
  /// The report format.
  public var format = ReportFormat.text
  /// `-o`: the output file, or nil for standard output.
  public var output: String?
  /// Gates that fail the run (exit 1) when not met.
  public var gates: [Gate] = []
  /// Whether the progress bar is off.
  public var quiet = false

  /// A job in `mode` with the documented defaults.
  public init(mode: Mode) { self.mode = mode }

  /// Builds the report, writes it, prints gate failures; a gate not met makes the status 1.
  public func run(_ data: [String], console: Console) throws {
    let target = Output(output)
    try target.check()
    let text: String
    let results: [GateResult]
    if case .articles(let model, let labels) = mode {
      (text, results) = try articles(model: model, labels: labels)
    } else {
      var (report, model) = try makeReport(data, console: console)
      results = report.apply(gates)
      if format == .html, let model {
        text = EvaluationHTMLReport(report: report, model: model).html()
      } else {
        text = try report.rendered(as: format)
      }
    }
    try target.write(text)
    for result in results where !result.passed { console.report(CommandFailure(.failure, result.message)) }
  }

  /// The report, and the model whose indicative n-grams the HTML report shows: the evaluated
  /// model, or one trained on all of DATA (the same one the topic-leakage check reads).
  private func makeReport(_ data: [String], console: Console) throws -> (EvaluationReport, NaiveBayesModel?) {
    let passages = try CommandData.passages(data, skipEmpty: false, console: console)
    switch mode {
    case .model(let path):
      let classifier = try NaiveBayesModel(contentsOf: path)
      let result = HeldOut.run(classifier, texts: passages.map(\.text), labels: passages.map(\.label), jobs: jobs)
      var report = EvaluationReport(heldOut: result, trueLabels: passages.map(\.label), topics: Self.topics(passages), sources: data)
      report.training = classifier.options
      report.checkTopicLeakage(of: classifier)
      return (report, classifier)
    case .test(let test):
      let testPassages = try CommandData.passages(test, skipEmpty: false, console: console)
      var trainer = self.trainer
      trainer.jobs = jobs
      let start = ContinuousClock.now
      let classifier = try trainer.train(passages)
      let trainSeconds = CrossValidation.seconds(since: start)
      let result = HeldOut.run(classifier, texts: testPassages.map(\.text), labels: testPassages.map(\.label), jobs: jobs)
      var report = EvaluationReport(
        heldOut: result, trueLabels: testPassages.map(\.label), topics: Self.topics(testPassages),
        sources: test, trainSeconds: trainSeconds)
      report.training = trainer.options
      report.checkTopicLeakage(of: classifier)
      return (report, classifier)
    case .crossValidate, .folds:
      let assignment: [Int]
      if case .folds(let path) = mode {
        assignment = try Folds.read(path: path, count: passages.count)
        try Folds.checkGroups(passages.map(\.group), folds: assignment)
      } else if case .crossValidate(let k) = mode {
        assignment = try trainer.folds(passages, k: k)
      } else {
        preconditionFailure("mode checked above")
      }
      let progress = Progress("cross-validate", total: Set(assignment).count, unit: "folds", quiet: quiet)
      defer { progress.finish() }
      let result = try trainer.crossValidate(passages, folds: assignment, jobs: jobs) { progress.advance() }
      var report = EvaluationReport(crossValidation: result, trueLabels: passages.map(\.label), topics: Self.topics(passages), sources: data)
      report.training = trainer.options
      // What the data teaches (leakage, the page's indicative n-grams) is read off one model
      // trained on all of it, built only when something reads it.
      guard report.stance != nil || format == .html else { return (report, nil) }
      let all = try NaiveBayesModel(
        training: passages.filter { !$0.text.allSatisfy(\.isWhitespace) }.map(\.example), options: trainer.options)
      report.checkTopicLeakage(of: all)
      return (report, all)
    case .articles:
      preconditionFailure("articles are evaluated by articles(model:labels:)")
    }
  }

  /// Every listed page through ingest, passage labels and the stance rule.
  private func articles(model: String, labels: String) throws -> (String, [GateResult]) {
    let classifier = try NaiveBayesModel(scoringContentsOf: model)
    let listed = try ArticleLabels.read(path: labels)
    let reader = ArticleReader(inputs: Inputs())
    var classified: [ClassifiedArticle] = []
    let evaluation = ArticleEvaluation(articles: listed) { article in
      var result = classifier.classify(try reader.article(article.path))
      result.source = "\(article.id) (recorded \(article.stance))"
      classified.append(result)
      return result
    }
    let results = gates.filter { $0.metric == .accuracy }.map {
      GateResult(metric: "article accuracy", minimum: $0.minimum, value: evaluation.accuracy)
    }
    switch format {
    case .json: return (try JSONText.encode(evaluation, pretty: true) + "\n", results)
    case .junit: return (evaluation.junitReport(gates: results), results)
    case .html: return (ArticleReport(articles: classified, model: classifier, title: "Article evaluation").html(), results)
    case .text: return (evaluation.textReport() + results.map { $0.message + "\n" }.joined(), results)
    }
  }

  /// The `topic` metadata of each passage, or an empty list when no passage has one.
  private static func topics(_ passages: [LabelledPassage]) -> [String?] {
    let topics = passages.map { $0.metadata["topic"] }
    return topics.contains { $0 != nil } ? topics : []
  }
}

extension EvaluationReport {
  /// Records the topic-leakage warnings of `model` when the report is about stance labels.
  mutating func checkTopicLeakage(of model: NaiveBayesModel) {
    guard stance != nil else { return }
    topicLeakage = TopicLeakage.warnings(indicative: model.indicativeFeatures(top: TopicLeakage.inspectedFeatures))
  }
}
