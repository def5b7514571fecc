import ArgumentParser
import Foundation
import StanceKit

/// `stance explain`: shows what a model learned, or why it labelled each passage as it did.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show a model's most indicative n-grams, or the n-grams behind each passage's label.",
    discussion: """
      Without INPUT: for each label c, the n-grams f with the highest log-likelihood ratio \
      log P(f|c) - log P(f|not c), where "not c" pools every other label (with two labels: the \
      other label) and both are smoothed with the model's alpha (token counts for multinomial and \
      complement models, document counts for Bernoulli).

      With INPUT (a text file, or - for standard input; one passage per blank-line-separated \
      paragraph): for the predicted label c1 against the runner-up c2, each n-gram f contributes \
      count(f) * (w(f,c1) - w(f,c2)), where w is log θ(f|c) for multinomial and -log θ(f|not c) \
      for complement models. For Bernoulli models a present n-gram contributes \
      log p(f|c1) - log p(f|c2), and all absent n-grams together contribute the sum of \
      log(1-p(f|c1)) - log(1-p(f|c2)) as one "(absent features)" entry. Contributions plus the \
      prior term (log prior(c1) - log prior(c2); 0 for complement) add up to the uncalibrated \
      log-odds log P(c1|x) - log P(c2|x); a calibrated model's log-odds are that divided by its \
      temperature T.
      """)

  /// Output formats.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Option(help: ArgumentHelp("The trained model file (default: the bundled models/default.stance, or $STANCE_MODEL).", valueName: "file"))
  var model: String?

  @Option(help: "How many n-grams to show per label or passage (0 = all).")
  var top = 10

  @Option(help: "Output format.")
  var format: Format = .text

  @Argument(help: "Text file to explain, or - for standard input.")
  var input: String?

  func validate() throws {
    if top < 0 { throw ValidationError("--top must be 0 or more") }
  }

  func run() throws {
    let classifier: NaiveBayesModel
    do {
      classifier = try NaiveBayesModel(contentsOf: try model ?? DefaultModel.path())
    } catch let error as ModelFileError {
      printError("stance explain: \(error)")
      throw Exit.dataError
    }
    guard let input else {
      writeIndicative(classifier)
      return
    }
    let passages: [String]
    do {
      passages = try ExplainInput.passages(from: input)
    } catch let error as ExplainInput.Failure {
      printError("stance explain: \(error.message)")
      throw Exit.dataError
    }
    writeExplanations(classifier, passages: passages)
  }

  private func writeIndicative(_ classifier: NaiveBayesModel) {
    let features = classifier.indicativeFeatures(top: top == 0 ? Int.max : top)
    switch format {
    case .json:
      print(Self.json(features))
    case .text:
      for label in classifier.labels {
        print("\(label):")
        for feature in features[label] ?? [] {
          print("  \(Self.signed(feature.score))  \(Self.number(feature.count))  \(feature.feature)")
        }
      }
    }
  }

  private func writeExplanations(_ classifier: NaiveBayesModel, passages: [String]) {
    var reports: [PassageReport] = []
    for (index, text) in passages.enumerated() {
      let explanation = classifier.explain(text)
      let limit = top == 0 ? explanation.contributions.count : top
      let shown = Array(explanation.contributions.prefix(limit))
      let rest = explanation.contributions.dropFirst(limit)
      let report = PassageReport(
        passage: index + 1, text: text, explanation: explanation, shown: shown,
        otherFeatures: rest.count, otherValue: rest.reduce(0) { $0 + $1.value })
      reports.append(report)
    }
    switch format {
    case .json:
      print(Self.json(reports))
    case .text:
      for report in reports {
        let e = report.explanation
        var header = "passage \(report.passage): \(e.label) over \(e.runnerUp), log-odds \(Self.signed(e.logOdds))"
        if e.temperature != 1 {
          header += " (calibrated \(Self.signed(e.calibratedLogOdds)) at T=\(String(format: "%.4f", e.temperature)))"
        }
        print(header)
        for contribution in report.shown {
          let count = contribution.count == 0 ? "   " : "x\(Self.number(contribution.count))"
          print("  \(Self.signed(contribution.value))  \(count)  \(contribution.feature)")
        }
        if report.otherFeatures > 0 {
          print("  \(Self.signed(report.otherValue))        (\(report.otherFeatures) more features)")
        }
        print("  \(Self.signed(e.priorTerm))        (prior)")
      }
    }
  }

  /// One passage's explanation as written by `--format json`.
  struct PassageReport: Encodable {
    var passage: Int
    var text: String
    var explanation: Explanation
    var shown: [FeatureContribution]
    var otherFeatures: Int
    var otherValue: Double

    enum CodingKeys: String, CodingKey {
      case passage, text, label, runnerUp, logOdds, calibratedLogOdds, temperature, priorTerm
      case contributions, otherFeatures, otherValue
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
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

  static func json(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let data = (try? encoder.encode(value)) ?? Data("null".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  static func signed(_ value: Double) -> String { String(format: "%+.4f", value) }

  static func number(_ value: Double) -> String { String(format: "%.0f", value) }
}

/// Where `explain` gets its passages; the one place to plug in other document readers.
enum ExplainInput {
  /// A file that cannot be read as passages.
  struct Failure: Error {
    var message: String
  }

  /// The passages of the file at `path` (`-` = standard input): blank-line-separated paragraphs.
  static func passages(from path: String) throws -> [String] {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      guard let contents = FileManager.default.contents(atPath: path) else {
        throw Failure(message: "\(path): cannot read the file")
      }
      data = contents
    }
    guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
      throw Failure(message: "\(path): not valid UTF-8 text")
    }
    return paragraphs(of: text)
  }

  /// Paragraphs separated by lines that are empty or whitespace, each trimmed, empty ones dropped.
  static func paragraphs(of text: String) -> [String] {
    var result: [String] = []
    var current: [Substring] = []
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    for line in lines {
      if line.allSatisfy(\.isWhitespace) {
        if !current.isEmpty { result.append(current.joined(separator: "\n")) }
        current = []
      } else {
        current.append(line)
      }
    }
    if !current.isEmpty { result.append(current.joined(separator: "\n")) }
    return result
  }
}
