import Foundation
import Testing

@testable import StanceKit

/// A toy classifier: a keyword per label learnt from training texts, with fixed probabilities.
struct KeywordClassifier: ProbabilisticClassifier, Sendable {
  var labels: [String]
  var keywords: [String: String]  // word -> label
  var trainedOn: Set<String>
  var isCalibrated: Bool { false }

  init(texts: [String], labels trueLabels: [String]) {
    labels = Array(Set(trueLabels)).sorted()
    var keywords: [String: String] = [:]
    for (text, label) in zip(texts, trueLabels) {
      if let word = text.split(separator: " ").first { keywords[String(word)] = label }
    }
    self.keywords = keywords
    trainedOn = Set(texts)
  }

  func scoredPrediction(for text: String) -> ScoredPrediction {
    let word = text.split(separator: " ").first.map(String.init) ?? ""
    let guess = keywords[word] ?? labels[0]
    let p = labels.map { $0 == guess ? 0.9 : 0.1 / Double(labels.count - 1) }
    return ScoredPrediction(label: guess, probabilities: p, uncalibratedProbabilities: p)
  }
}

@Suite struct CrossValidationTests {
  // Texts start with a keyword that gives their label away, except the "odd" ones.
  static let texts = (0..<40).map { i in i % 10 == 9 ? "odd \(i)" : (i % 2 == 0 ? "good \(i)" : "bad \(i)") }
  static let labels = (0..<40).map { $0 % 2 == 0 ? "pos" : "neg" }

  @Test func outOfFoldPredictionsComeFromModelsThatNeverSawThem() throws {
    let texts = Self.texts, labels = Self.labels
    let folds = (0..<40).map { $0 % 4 }
    let result = try CrossValidation.run(texts: texts, labels: labels, folds: folds) { idx in
      KeywordClassifier(texts: idx.map { texts[$0] }, labels: idx.map { labels[$0] })
    }
    #expect(result.labels == ["neg", "pos"])
    #expect(result.predictions.count == 40)
    #expect(result.folds.map(\.fold) == [0, 1, 2, 3])
    #expect(result.folds.allSatisfy { $0.trainCount == 30 && $0.testCount == 10 })
    // Data order: passage i's prediction is at i; keyword passages are right.
    for i in 0..<40 where i % 10 != 9 {
      #expect(result.predictions[i].label == labels[i])
    }
    let report = EvaluationReport(crossValidation: result, trueLabels: labels, topics: [], sources: ["toy"])
    #expect(report.counts.passages == 40)
    #expect(report.folds?.count == 4)
    #expect(report.topics == nil)
  }

  @Test func parallelRunMatchesSerialRun() throws {
    let texts = Self.texts, labels = Self.labels
    let folds = Folds.assign(count: 40, groups: Array(repeating: nil, count: 40), labels: labels, k: 5, seed: 3)
    let train: @Sendable ([Int]) -> KeywordClassifier = { idx in
      KeywordClassifier(texts: idx.map { texts[$0] }, labels: idx.map { labels[$0] })
    }
    let serial = try CrossValidation.run(texts: texts, labels: labels, folds: folds, train: train)
    let parallel = try CrossValidation.run(texts: texts, labels: labels, folds: folds, jobs: 2, train: train)
    #expect(serial.predictions == parallel.predictions)
  }

  @Test func labelsMissingFromTrainingAreCountedAsUnknown() throws {
    // "rare" occurs only in fold 1, so fold 1's model cannot know it.
    let texts = ["good a", "bad b", "good c", "bad d", "rare e", "good f"]
    let labels = ["pos", "neg", "pos", "neg", "rare", "pos"]
    let folds = [0, 0, 1, 1, 1, 0]
    let result = try CrossValidation.run(texts: texts, labels: labels, folds: folds) { idx in
      KeywordClassifier(texts: idx.map { texts[$0] }, labels: idx.map { labels[$0] })
    }
    #expect(result.labels == ["neg", "pos", "rare"])
    #expect(result.folds[1].unknownLabels == ["rare": 1])
    // The unknown label's column is 0 for the model that lacks it.
    #expect(result.predictions[4].probabilities[2] == 0)
    let report = EvaluationReport(crossValidation: result, trueLabels: labels, topics: [], sources: ["toy"])
    #expect(report.unknownLabels == ["rare": 1])
    #expect(report.counts.unknownLabel == 1)
    #expect(report.perClass.first { $0.label == "rare" }?.recall == 0)
  }

  @Test func trainingErrorsPropagate() {
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      _ = try CrossValidation.run(texts: ["a", "b"], labels: ["x", "y"], folds: [0, 1]) { _ -> KeywordClassifier in
        throw Boom()
      }
    }
  }

  @Test func oneFoldIsRejected() {
    #expect(throws: FoldsError.self) {
      _ = try CrossValidation.run(texts: ["a", "b"], labels: ["x", "y"], folds: [2, 2]) { idx in
        KeywordClassifier(texts: [], labels: [])
      }
    }
  }
}
