import Foundation

/// A held-out article and the stance recorded for it.
public struct LabelledArticle: Hashable, Sendable {
  /// The article's id.
  public var id: String
  /// The page's path, resolved against the labels file's folder.
  public var path: String
  /// The recorded stance.
  public var stance: String
  /// The article's topic, when recorded.
  public var topic: String?
}

/// Reads article label files: JSON Lines of `{"id", "file", "stance"[, "topic"]}`.
public enum ArticleLabels {
  /// Reads `path`; `file` entries are relative to the labels file's folder.
  public static func read(path: String) throws -> [LabelledArticle] {
    let data: [UInt8]
    do {
      data = try Ingester.readFile(path)
    } catch let error as IngestError {
      throw CorpusError(file: path, line: nil, message: error.reason)
    }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    var articles: [LabelledArticle] = []
    try JSONLines.forEachObject(in: data, name: path, invalid: { throw $0 }) { number, members in
      func field(_ name: String) throws -> String {
        guard case .string(let value)? = members.last(where: { $0.0 == name })?.1, !value.isEmpty else {
          throw CorpusError(file: path, line: number, message: "missing \"\(name)\"")
        }
        return value
      }
      let file = try field("file")
      articles.append(
        LabelledArticle(
          id: try field("id"),
          path: file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path,
          stance: try field("stance"), topic: try? field("topic")))
    }
    if articles.isEmpty { throw CorpusError(file: path, line: nil, message: "no articles listed") }
    return articles
  }
}

/// Article-level accuracy: each held-out page through the whole pipeline, `unclear` counted wrong.
public struct ArticleEvaluation: Codable, Sendable {
  /// One article's outcome.
  public struct Outcome: Codable, Sendable, Hashable {
    /// The article's id.
    public var id: String
    /// The recorded stance.
    public var expected: String
    /// The pipeline's verdict (an error message's label is `error`).
    public var predicted: String
    /// The summed restraint-vs-engagement log-odds, when a verdict was reached.
    public var score: Double?
    /// Why the article could not be read, if it could not.
    public var error: String?
  }

  /// Every article's outcome, in the labels file's order.
  public var outcomes: [Outcome]
  /// Correct verdicts over all articles.
  public var accuracy: Double
  /// How many verdicts were `unclear` or `no-argument`.
  public var unclear: Int
  /// Counts by recorded stance, then verdict.
  public var confusion: [String: [String: Int]]

  /// Runs `classify` on every article and scores the verdicts.
  public init(articles: [LabelledArticle], classify: (LabelledArticle) throws -> ClassifiedArticle) {
    outcomes = articles.map { article in
      do {
        let result = try classify(article)
        return Outcome(id: article.id, expected: article.stance, predicted: result.label, score: result.stance?.score, error: nil)
      } catch {
        return Outcome(id: article.id, expected: article.stance, predicted: "error", score: nil, error: "\(error)")
      }
    }
    let correct = outcomes.filter { $0.expected == $0.predicted }.count
    accuracy = outcomes.isEmpty ? 0 : Double(correct) / Double(outcomes.count)
    let rule = ArticleStanceRule()
    unclear = outcomes.filter { $0.predicted == rule.unclear || $0.predicted == rule.noArgument }.count
    confusion = [:]
    for outcome in outcomes { confusion[outcome.expected, default: [:]][outcome.predicted, default: 0] += 1 }
  }

  /// A human-readable summary: accuracy, the confusion table and every miss.
  public func textReport() -> String {
    var lines = [
      "articles  \(outcomes.count)",
      String(format: "accuracy  %.4f  (%d of %d; unclear and no-argument count as wrong, %d of them)", accuracy,
             outcomes.filter { $0.expected == $0.predicted }.count, outcomes.count, unclear),
    ]
    for expected in confusion.keys.sorted() {
      let row = confusion[expected]!.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      lines.append("  \(expected) -> " + row.joined(separator: ", "))
    }
    for miss in outcomes where miss.expected != miss.predicted {
      let detail = miss.error ?? miss.score.map { String(format: "score %+.2f", $0) } ?? ""
      lines.append("  miss: \(miss.id) expected \(miss.expected), got \(miss.predicted) \(detail)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension ArticleEvaluation {
  /// JUnit XML: one test case per article, failing when the verdict is not the recorded stance.
  public func junitReport(gates: [GateResult] = []) -> String {
    var cases: [String] = []
    for gate in gates {
      let body = gate.passed ? nil : "<failure type=\"gate\" message=\"\(XML.escape(gate.message))\"/>"
      cases.append(XML.testCase(className: "stance.evaluate.gates", name: "min-\(gate.metric)", time: 0, body: body))
    }
    for outcome in outcomes {
      var body: String? = nil
      if outcome.expected != outcome.predicted {
        let message = outcome.error ?? "expected \(outcome.expected), got \(outcome.predicted)"
        body = "<failure type=\"verdict\" message=\"\(XML.escape(message))\"/>"
      }
      cases.append(XML.testCase(className: "stance.evaluate.articles", name: outcome.id, time: 0, body: body))
    }
    let failures = cases.filter { $0.contains("<failure") }.count
    return (["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<testsuite name=\"stance evaluate --articles\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"0.000\">"]
      + cases.map { "  " + $0 } + ["</testsuite>"]).joined(separator: "\n") + "\n"
  }
}
