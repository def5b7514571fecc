import Foundation
import Testing

@testable import StanceKit

@Suite struct NaiveBayesClassifierTests {
  static let examples: [TrainingExample] = (0..<40).map { i in
    let pos = i % 2 == 0
    let cue = pos ? ["splendid", "superb", "fine"][i % 3] : ["awful", "tedious", "poor"][i % 3]
    // Every fifth example carries the other side's cue too, so the model is not certain.
    let extra = i % 5 == 0 ? (pos ? " awful" : " splendid") : ""
    return TrainingExample(text: "the film was \(cue)\(extra)", label: pos ? "pos" : "neg")
  }

  @Test func scoreMatchesPredict() throws {
    let model = try NaiveBayesModel(training: Self.examples, options: TrainingOptions())
    let scored = model.scoredPrediction(for: "a splendid film")
    let predicted = model.predict("a splendid film")
    #expect(scored.label == predicted.label)
    #expect(scored.probabilities == predicted.probabilities)
    #expect(scored.uncalibratedProbabilities == scored.probabilities)
    #expect(abs(scored.probabilities.reduce(0, +) - 1) < 1e-9)
  }

  @Test func calibratedModelKeepsBothProbabilitySets() throws {
    var model = try NaiveBayesModel(training: Self.examples, options: TrainingOptions())
    let folds = Folds.assign(
      count: Self.examples.count, groups: Array(repeating: nil, count: Self.examples.count),
      labels: Self.examples.map(\.label), k: 4, seed: 5)
    try model.calibrate(on: Self.examples, folds: folds)
    #expect(model.isCalibrated)
    let scored = model.scoredPrediction(for: "the film was splendid")
    let raw = model.predict("the film was splendid").uncalibratedLogProbabilities.map { exp($0) }
    #expect(zip(scored.uncalibratedProbabilities, raw).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(abs(scored.uncalibratedProbabilities.reduce(0, +) - 1) < 1e-9)
  }

  @Test func heldOutEvaluationOfARealModel() throws {
    let model = try NaiveBayesModel(training: Self.examples, options: TrainingOptions())
    let result = HeldOut.run(model, texts: ["splendid", "awful", "meh"], labels: ["pos", "neg", "other"])
    #expect(result.labels == ["neg", "other", "pos"])
    #expect(result.unknownLabels == ["other": 1])
    let report = EvaluationReport(heldOut: result, trueLabels: ["pos", "neg", "other"], topics: [], sources: ["t"])
    #expect(report.counts.unknownLabel == 1)
    #expect(report.accuracy == 2.0 / 3.0)
    // The unknown label's probability column is all zeros, so its log loss term is clipped.
    #expect(report.probabilities.logLoss! > 34.5 / 3)
  }

  @Test func heldOutPredictionsDoNotDependOnThreads() throws {
    let model = try NaiveBayesModel(training: Self.examples, options: TrainingOptions())
    let texts = (0..<203).map { i in Self.examples[i % Self.examples.count].text + (i % 3 == 0 ? " meh" : "") }
    let labels = (0..<203).map { Self.examples[$0 % Self.examples.count].label }
    let one = HeldOut.run(model, texts: texts, labels: labels, jobs: 1)
    for jobs in [2, 3, 8] {
      #expect(HeldOut.run(model, texts: texts, labels: labels, jobs: jobs).predictions == one.predictions)
    }
    #expect(Parallel.map(count: 1000, jobs: 4) { $0 * $0 } == (0..<1000).map { $0 * $0 })
    #expect(Parallel.map(count: 0, jobs: 4) { $0 }.isEmpty)
  }
}

@Suite struct PassageCrossValidationTests {
  @Test func passagesOverloadTrainsOnTheOtherFolds() throws {
    let passages = NaiveBayesClassifierTests.examples.enumerated().map { i, e in
      LabelledPassage(id: "p\(i)", text: e.text, label: e.label, group: "g\(i / 4)", line: i + 1)
    }
    let folds = Folds.assign(
      count: passages.count, groups: passages.map(\.group), labels: passages.map(\.label), k: 5, seed: 11)
    let result = try CrossValidation.run(passages: passages, folds: folds) { training in
      // Whole groups of four stay together, so each fold trains on a multiple of four passages.
      precondition(training.count % 4 == 0)
      return try NaiveBayesModel(training: training.map(\.example), options: TrainingOptions())
    }
    #expect(result.folds.count == 5)
    #expect(result.folds.allSatisfy { $0.trainCount + $0.testCount == passages.count })
    #expect(result.predictions.count == passages.count)
    let report = EvaluationReport(
      crossValidation: result, trueLabels: passages.map(\.label), topics: [], sources: ["memory"])
    #expect(report.accuracy! > 0.7)
  }
}
