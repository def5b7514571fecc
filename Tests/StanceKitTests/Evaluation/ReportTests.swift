import Foundation
import Testing

@testable import StanceKit

@Suite struct ReportTests {
  static func sampleReport() -> EvaluationReport {
    let columns = ["a & b", "c<d>"]
    let predictions = [
      ScoredPrediction(label: "a & b", probabilities: [0.8, 0.2], uncalibratedProbabilities: [0.9, 0.1]),
      ScoredPrediction(label: "a & b", probabilities: [0.6, 0.4], uncalibratedProbabilities: [0.7, 0.3]),
      ScoredPrediction(label: "a & b", probabilities: [0.7, 0.3], uncalibratedProbabilities: [0.99, 0.01]),
    ]
    return EvaluationReport(
      mode: "held-out", sources: ["x.jsonl"], columns: columns,
      trueLabels: ["a & b", "c<d>", "a & b"], predictions: predictions, calibrated: true,
      topics: ["iran", nil, "iran"], unknownLabels: [:], folds: nil,
      timing: .init(trainSeconds: 1.5, predictSeconds: 0.25, folds: []))
  }

  @Test func undefinedPrecisionIsNullInJSONAndDashInText() throws {
    var report = Self.sampleReport()
    report.apply([Gate(metric: .macroF1, minimum: 0.85), Gate(metric: .accuracy, minimum: 0.5)])
    let c = report.perClass[1]
    #expect(c.label == "c<d>" && c.precision == nil && c.recall == 0)
    let json = try report.jsonReport()
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    let perClass = object["perClass"] as! [[String: Any]]
    #expect(perClass[1]["precision"] is NSNull)
    #expect(object["timing"] != nil)
    #expect(report.textReport().contains("—"))
    #expect(report.topics == [.init(topic: "iran", count: 2, correct: 2, accuracy: 1)])
    #expect(abs(report.accuracy! - 2.0 / 3.0) < 1e-12)
    // Before and after calibration differ.
    #expect(report.probabilities.logLoss != report.uncalibrated.logLoss)
  }

  @Test func jsonIsIdenticalApartFromTiming() throws {
    var a = Self.sampleReport()
    var b = Self.sampleReport()
    b.timing = .init(trainSeconds: 9, predictSeconds: 9, folds: [])
    a.timing = .init(trainSeconds: 0, predictSeconds: 0, folds: [])
    b.timing = a.timing
    #expect(try a.jsonReport() == b.jsonReport())
    let json = try a.jsonReport()
    // Keys are sorted: "accuracy" comes before "calibrated" before "confusion".
    let i = json.range(of: "\"accuracy\"")!.lowerBound
    let j = json.range(of: "\"calibrated\"")!.lowerBound
    #expect(i < j)
  }

  @Test func gateMessages() {
    let failed = GateResult(metric: "macro-F1", minimum: 0.85, value: 0.8123)
    #expect(failed.message == "gate failed: macro-F1 0.812 < 0.850")
    let near = GateResult(metric: "accuracy", minimum: 0.85, value: 0.84996)
    #expect(near.message == "gate failed: accuracy 0.84996 < 0.85000")
    var report = Self.sampleReport()
    let results = report.apply([Gate(metric: .accuracy, minimum: 0.6), Gate(metric: .macroF1, minimum: 0.9)])
    #expect(results.map(\.passed) == [true, false])
    let recall = try! #require(report.perClass.first?.recall)
    let label = report.perClass[0].label
    let recallResults = report.apply([
      Gate(metric: .recall, minimum: recall, label: label), Gate(metric: .recall, minimum: recall + 0.01, label: label),
      Gate(metric: .recall, minimum: 0.1, label: "no such label"),
    ])
    #expect(recallResults.map(\.passed) == [true, false, false])
    #expect(recallResults[0].metric == "recall of \(label)")
  }

  @Test func junitIsEscapedAndCountsFailures() throws {
    var report = Self.sampleReport()
    report.apply([Gate(metric: .macroF1, minimum: 0.85), Gate(metric: .accuracy, minimum: 0.5)])
    let xml = report.junitReport()
    #expect(xml.contains("tests=\"4\" failures=\"1\""))
    #expect(xml.contains("name=\"label a &amp; b\""))
    #expect(xml.contains("name=\"label c&lt;d&gt;\""))
    #expect(!xml.contains("c<d>"))
    #expect(XML.escape("a\u{01}b\"'") == "a\u{FFFD}b&quot;&apos;")
    // Well-formed: Foundation's XML parser accepts it.
    #expect(try XMLWellFormedness.check(xml))
  }

  @Test func textReportAlignsColumns() {
    let text = Self.sampleReport().textReport()
    let lines = text.split(separator: "\n").map(String.init)
    let header = lines.first { $0.contains("precision") }!
    let row = lines.first { $0.hasPrefix("  a & b ") && $0.contains("0.") }!
    // The F1 column's right edge matches the header's.
    #expect(header.range(of: "F1")!.upperBound.utf16Offset(in: header) == row.range(of: "0.8000")!.upperBound.utf16Offset(in: row))
  }
}

/// Checks XML well-formedness with a tiny hand parser (FoundationXML is not linked here).
enum XMLWellFormedness {
  struct Malformed: Error { var message: String }

  /// Tags must nest and attribute values must hold no raw `<` or `&` outside entities.
  static func check(_ xml: String) throws -> Bool {
    var stack: [String] = []
    var rest = Substring(xml)
    if rest.hasPrefix("<?xml") { rest = rest[rest.range(of: "?>")!.upperBound...] }
    while let open = rest.firstIndex(of: "<") {
      try checkText(rest[..<open])
      guard let close = rest[open...].firstIndex(of: ">") else { throw Malformed(message: "unclosed tag") }
      let tag = rest[rest.index(after: open)..<close]
      if tag.hasPrefix("/") {
        guard stack.popLast() == String(tag.dropFirst()) else { throw Malformed(message: "mismatched \(tag)") }
      } else {
        let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" })
        try checkText(tag)
        if !tag.hasSuffix("/") { stack.append(name) }
      }
      rest = rest[rest.index(after: close)...]
    }
    guard stack.isEmpty else { throw Malformed(message: "unclosed \(stack)") }
    return true
  }

  private static func checkText(_ text: Substring) throws {
    var i = text.startIndex
    while let amp = text[i...].firstIndex(of: "&") {
      let entity = text[amp...].prefix { $0 != ";" }
      guard ["&amp", "&lt", "&gt", "&quot", "&apos"].contains(String(entity)) else {
        throw Malformed(message: "bad entity \(entity)")
      }
      i = text.index(after: amp)
    }
  }
}

@Suite struct ArticleVoteTests {
  @Test func sumsProbabilityVectors() {
    let d = ArticleVote.decide(
      labels: ["engagement", "neutral", "restraint"],
      passageProbabilities: [[0.1, 0.1, 0.8], [0.5, 0.4, 0.1], [0.4, 0.3, 0.3]])!
    // Sums 1.0, 0.8, 1.2 over 3 passages.
    #expect(d.label == "restraint")
    #expect(abs(d.probabilities["restraint"]! - 0.4) < 1e-12)
    #expect(abs(d.probabilities["engagement"]! - 1.0 / 3.0) < 1e-12)
    #expect(d.passages == 3)
  }

  @Test func tieGoesToFirstSortedLabelAndEmptyIsNil() {
    let d = ArticleVote.decide(labels: ["a", "b"], passageProbabilities: [[0.5, 0.5]])!
    #expect(d.label == "a")
    #expect(ArticleVote.decide(labels: ["a", "b"], passageProbabilities: []) == nil)
  }
}

@Suite struct StanceSummaryTests {
  /// A firmly neutral passage: restraint and engagement both underflow to probability 0.
  static func neutral(logRestraint: Double, logEngagement: Double) -> ScoredPrediction {
    let logs = [logEngagement, 0, logRestraint]
    return ScoredPrediction(
      label: "neutral", probabilities: logs.map { exp($0) }, uncalibratedProbabilities: logs.map { exp($0) },
      logProbabilities: logs)
  }

  @Test func underflowedStancesAreComparedInLogSpace() throws {
    let columns = ["engagement", "neutral", "restraint"]
    let predictions = [
      Self.neutral(logRestraint: -900, logEngagement: -1200),
      Self.neutral(logRestraint: -1300, logEngagement: -1000),
    ]
    #expect(predictions.allSatisfy { $0.probabilities[0] == 0 && $0.probabilities[2] == 0 })
    let summary = try #require(EvaluationReport.stanceSummary(
      columns: columns, trueLabels: ["restraint", "engagement"], predictions: predictions))
    #expect(summary.accuracy == 1)
    #expect(summary.exactAccuracy == 0)
    // Without log-probabilities the tie at 0 goes to engagement: one of two right.
    let bare = predictions.map {
      ScoredPrediction(label: $0.label, probabilities: $0.probabilities, uncalibratedProbabilities: $0.uncalibratedProbabilities)
    }
    let tied = try #require(EvaluationReport.stanceSummary(columns: columns, trueLabels: ["restraint", "engagement"], predictions: bare))
    #expect(tied.accuracy == 0.5)
  }

  @Test func realignedPredictionsCarryLogProbabilities() {
    let p = Self.neutral(logRestraint: -900, logEngagement: -1200)
    let moved = p.realigned(from: ["engagement", "neutral", "restraint"], to: ["engagement", "neutral", "other", "restraint"])
    #expect(moved.logProbabilities == [-1200, 0, -.infinity, -900])
  }
}
