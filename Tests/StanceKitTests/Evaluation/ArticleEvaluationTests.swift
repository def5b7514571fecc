import Foundation
import Testing
@testable import StanceKit

/// A fake classifier that calls passages mentioning "home" restraint and "stay" engagement.
private struct HomeOrStayClassifier: ProbabilisticClassifier {
  let labels = ["engagement", "neutral", "restraint"]
  let isCalibrated = false
  func scoredPrediction(for text: String) -> ScoredPrediction {
    let p: [Double] =
      text.contains("home") ? [0.1, 0.1, 0.8] : text.contains("stay") ? [0.8, 0.1, 0.1] : [0.2, 0.7, 0.1]
    let label = labels[p.indices.max { p[$0] < p[$1] }!]
    return ScoredPrediction(label: label, probabilities: p, uncalibratedProbabilities: p)
  }
}

private func article(_ texts: [String], headings: Set<Int> = []) -> Article {
  Article(
    source: "test", title: "T", authors: [], date: nil, siteName: nil, language: nil, url: nil,
    isOpinion: true,
    passages: texts.enumerated().map { Passage(index: $0, text: $1, heading: headings.contains($0)) })
}

@Test func headingsAreLabelledButDoNotVote() throws {
  let result = HomeOrStayClassifier().classify(
    article(["Why we stay", "Background.", "Bring them home.", "More background."], headings: [0]))
  #expect(result.passages.count == 4)
  #expect(result.passages[0].label == "engagement")
  #expect(result.label == "restraint")
  #expect(result.stance?.deciding.map(\.index) == [2])
}

@Test func articleAccuracyCountsNoArgumentAndErrorsAsWrong() throws {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("articles-\(UUID())")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let labels = folder.appendingPathComponent("labels.jsonl")
  try """
    {"id": "a", "file": "a.txt", "stance": "restraint"}
    {"id": "b", "file": "b.txt", "stance": "engagement"}
    {"id": "c", "file": "c.txt", "stance": "engagement"}
    {"id": "d", "file": "missing.txt", "stance": "restraint"}
    """.write(to: labels, atomically: true, encoding: .utf8)
  let texts = ["a.txt": ["Come home."], "b.txt": ["We stay."], "c.txt": ["Only background."]]
  let articles = try ArticleLabels.read(path: labels.path)
  #expect(articles[0].path == folder.appendingPathComponent("a.txt").path)
  let evaluation = ArticleEvaluation(articles: articles) { item in
    guard let passages = texts[URL(fileURLWithPath: item.path).lastPathComponent] else {
      throw CorpusError(file: item.path, line: nil, message: "cannot read the file")
    }
    return HomeOrStayClassifier().classify(article(passages))
  }
  #expect(evaluation.accuracy == 0.5)
  #expect(evaluation.unclear == 1)
  #expect(evaluation.outcomes[3].predicted == "error")
  // Background only is "no-argument", told apart from "unclear" (arguments within the margin).
  #expect(evaluation.confusion["engagement"] == ["engagement": 1, "no-argument": 1])
}

@Test func labelFileErrorsNameTheLine() throws {
  let file = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID()).jsonl")
  defer { try? FileManager.default.removeItem(at: file) }
  try "{\"id\": \"a\", \"file\": \"a.txt\", \"stance\": \"restraint\"}\n{\"id\": \"b\"}\n"
    .write(to: file, atomically: true, encoding: .utf8)
  #expect(throws: CorpusError(file: file.path, line: 2, message: "missing \"file\"")) {
    try ArticleLabels.read(path: file.path)
  }
}
