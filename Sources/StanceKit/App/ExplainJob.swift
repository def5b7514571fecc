import Foundation

/// `stance explain`: a model's most indicative n-grams, or the n-grams behind each passage's label.
public struct ExplainJob: Sendable {
  /// Output formats.
  public enum Format: String, CaseIterable, Sendable {
    case text, json
  }

  /// `--model`, or nil for the bundled default model.
  public var model: String?
  /// How many n-grams to show per label or passage (0 = all).
  public var top = 10
  /// The output format.
  public var format = Format.text
  /// How inputs are read.
  public var reading = ReadOptions()
  /// `-o`: the output file, or nil for standard output.
  public var output: String?

  /// A job with the documented defaults.
  public init() {}

  /// Explains the model (no paths) or each passage of every input, read as `classify` reads it.
  public func run(_ paths: [String], console: Console) throws {
    let target = Output(output)
    try target.check()
    let classifier = try CommandData.model(model)
    guard !paths.isEmpty || !reading.urlLists.isEmpty else {
      return try target.write(indicative(classifier))
    }
    let reader = reading.reader()
    var passages: [Numbered] = []
    try reader.process(paths, jobs: 1, console: console, work: { items in
      var numbered: [Numbered] = []
      for item in items {
        switch item {
        case .page(let article) where article.passages.isEmpty:
          continue  // a crawl page without text (a gallery, a menu) has nothing to explain
        case .article(let article), .page(let article):
          if article.passages.isEmpty { throw CommandFailure(.dataError, file: article.source, "no text passages to explain") }
          numbered += article.passages.map { Numbered(source: article.source, number: $0.index, text: $0.text) }
        case .record(let record, let source):
          numbered.append(Numbered(source: source, number: numbered.count, text: record.text))
        }
      }
      return numbered
    }) { passages += $0 }
    let writer = ResultWriter(target)
    try writer.write(try explanations(classifier, passages: passages, sources: Set(passages.map(\.source)).count))
    try writer.finish()
  }

  /// A passage to explain, numbered as `classify` numbers it within its source.
  struct Numbered: Sendable {
    var source: String
    var number: Int
    var text: String
  }

  private var limit: Int { top == 0 ? Int.max : top }

  private func indicative(_ classifier: NaiveBayesModel) throws -> String {
    let features = classifier.indicativeFeatures(top: limit)
    if format == .json { return try JSONText.encode(features, pretty: true) + "\n" }
    var lines: [String] = []
    for label in classifier.labels {
      lines.append("\(label):")
      for feature in features[label] ?? [] {
        lines.append("  \(Self.signed(feature.score))  \(Self.number(feature.count))  \(feature.feature)")
      }
    }
    return lines.map { $0 + "\n" }.joined()
  }

  /// Each passage's explanation; with more than one source, text output names the source.
  private func explanations(_ classifier: NaiveBayesModel, passages: [Numbered], sources: Int) throws -> String {
    if passages.isEmpty { return format == .json ? "[]\n" : "" }
    let reports = passages.map { passage in
      let (number, text) = (passage.number, passage.text)
      let explanation = classifier.explain(text)
      let shown = Array(explanation.contributions.prefix(limit))
      let rest = explanation.contributions.dropFirst(shown.count)
      return PassageReport(
        source: passage.source, passage: number, text: text, explanation: explanation, shown: shown,
        otherFeatures: rest.count, otherValue: rest.reduce(0) { $0 + $1.value })
    }
    if format == .json { return try JSONText.encode(reports, pretty: true) + "\n" }
    var lines: [String] = []
    for report in reports {
      let e = report.explanation
      let source = sources > 1 ? "\(report.source): " : ""
      var header = "\(source)passage \(report.passage): \(e.label) over \(e.runnerUp), log-odds \(Self.signed(e.logOdds))"
      if e.temperature != 1 {
        header += " (calibrated \(Self.signed(e.calibratedLogOdds)) at T=\(String(format: "%.4f", e.temperature)))"
      }
      lines.append(header)
      for contribution in report.shown {
        let count = contribution.count == 0 ? "   " : "x\(Self.number(contribution.count))"
        lines.append("  \(Self.signed(contribution.value))  \(count)  \(contribution.feature)")
      }
      if report.otherFeatures > 0 {
        lines.append("  \(Self.signed(report.otherValue))        (\(report.otherFeatures) more features)")
      }
      lines.append("  \(Self.signed(e.priorTerm))        (prior)")
    }
    return lines.map { $0 + "\n" }.joined()
  }

  /// One passage's explanation as written by `--format json`.
  struct PassageReport: Encodable {
    var source: String
    var passage: Int
    var text: String
    var explanation: Explanation
    var shown: [FeatureContribution]
    var otherFeatures: Int
    var otherValue: Double

    enum CodingKeys: String, CodingKey {
      case source, passage, text, label, runnerUp, logOdds, calibratedLogOdds, temperature, priorTerm
      case contributions, otherFeatures, otherValue
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(source, forKey: .source)
      try container.encode(passage, forKey: .passage)
      try container.encode(text, forKey: .text)
      try container.encode(explanation.label, forKey: .label)
      try container.encode(explanation.runnerUp, forKey: .runnerUp)
      try container.encode(explanation.logOdds, forKey: .logOdds)
      try container.encode(explanation.calibratedLogOdds, forKey: .calibratedLogOdds)
      try container.encode(explanation.temperature, forKey: .temperature)
      try container.encode(explanation.priorTerm, forKey: .priorTerm)
      try container.encode(shown, forKey: .contributions)
      try container.encode(otherFeatures, forKey: .otherFeatures)
      try container.encode(otherValue, forKey: .otherValue)
    }
  }

  static func signed(_ value: Double) -> String { String(format: "%+.4f", value) }

  static func number(_ value: Double) -> String { String(format: "%.0f", value) }
}
