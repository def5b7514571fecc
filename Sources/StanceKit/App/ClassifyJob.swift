import Foundation

/// `stance classify`: labels JSON Lines records, or articles passage by passage and as a whole.
public struct ClassifyJob: Sendable {
  /// How results are written.
  public enum Format: String, CaseIterable, Sendable {
    /// One tab-separated line per record; an article line followed by its passages.
    case text
    /// One pretty JSON array of every result.
    case json
    /// One JSON object per line, keys sorted.
    case jsonl
    /// One self-contained HTML page: passages tinted by label, verdicts, deciding n-grams.
    case html
  }

  /// `--model`, or nil for the bundled default model.
  public var model: String?
  /// The output format; nil is jsonl for records and text for articles.
  public var format: Format?
  /// `-o`: the output file, or nil for standard output.
  public var output: String?
  /// Threads scoring records at once (the output does not depend on it).
  public var jobs = 1
  /// How inputs are read.
  public var reading = ReadOptions()
  /// How an article's verdict is decided (`--unclear-margin` sets its margin).
  public var rule = ArticleStanceRule()

  /// A job with the documented defaults.
  public init() {}

  /// Classifies every input and writes the results; a failing input is reported and the rest go on.
  public func run(_ paths: [String], console: Console) throws {
    let target = Output(output)
    try target.check()
    let classifier = try CommandData.scoringModel(model)
    let labels = RecordLabels(classifier.labels)
    let reader = reading.reader()
    let writer = ResultWriter(target)
    var jsonItems = 0  // the JSON array is written as its items come, not held
    var reportArticles: [ClassifiedArticle] = []
    var emptyPages = 0
    let job = self
    try reader.process(paths, jobs: jobs, console: console, work: { items in
      if job.format == .html, case .record(_, let source)? = items.first {
        throw CommandFailure(.dataError, file: source, "--format html shows articles; JSONL records have no passages")
      }
      return try job.classify(items, with: classifier, labels: labels)
    }) { results, empty in
      emptyPages += empty
      for result in results {
        let isRecord = if case .record = result { true } else { false }
        switch format ?? (isRecord ? .jsonl : .text) {
        case .jsonl: try writer.write(bytes: try result.jsonLine())
        case .json:
          let item = "  " + (try result.prettyJSON()).replacingOccurrences(of: "\n", with: "\n  ")
          try writer.write((jsonItems == 0 ? "[\n" : ",\n") + item)
          jsonItems += 1
        case .text: try writer.write(result.textLines())
        case .html: if case .article(let article) = result { reportArticles.append(article) }
        }
      }
    }
    if format == .json { try writer.write(jsonItems == 0 ? "[]\n" : "\n]\n") }
    if emptyPages > 0 { console.note("\(emptyPages) web page\(emptyPages == 1 ? "" : "s") had no text passages and \(emptyPages == 1 ? "was" : "were") not classified") }
    if format == .html { try writer.write(ArticleReport(articles: reportArticles, model: classifier).html()) }
    try writer.finish()
  }

  /// Labels records (on `jobs` threads) or an article's passages and its verdict.
  /// Crawl pages without text passages (menus, galleries, error pages) are counted, not failures.
  private func classify(_ items: [InputItem], with classifier: NaiveBayesModel, labels: RecordLabels) throws
    -> (results: [ClassifiedItem], emptyPages: Int)
  {
    var records: [TextRecord] = []
    var results: [ClassifiedItem] = []
    var emptyPages = 0
    for item in items {
      switch item {
      case .record(let record, _): records.append(record)
      case .page(let page):
        if page.passages.contains(where: { !$0.heading }) {
          results.append(.article(classifier.classify(page, rule: rule)))
        } else {
          emptyPages += 1
        }
      case .article(let article):
        guard article.passages.contains(where: { !$0.heading }) else {
          throw CommandFailure(.dataError, file: article.source, "no text passages to classify")
        }
        results.append(.article(classifier.classify(article, rule: rule)))
      }
    }
    let texts = records.map(\.text)
    let predictions = Parallel.map(count: texts.count, jobs: jobs) { classifier.scoredPrediction(for: texts[$0]) }
    return (results + zip(records, predictions).map { record, prediction in
      .record(RecordResult(id: record.id, label: prediction.label, labels: labels, values: prediction.probabilities))
    }, emptyPages)
  }
}
