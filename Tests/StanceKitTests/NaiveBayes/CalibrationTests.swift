import Foundation
import Testing
@testable import StanceKit

@Suite struct CalibrationTests {
  @Test func calibratedProbabilitiesAreTemperatureScaled() throws {
    let training = Fixtures.examples(count: 400, seed: 41)
    var model = try NaiveBayesModel(training: training, options: Fixtures.options(.multinomial))
    #expect(!model.isCalibrated)
    let folds = training.indices.map { $0 % 5 }
    try model.calibrate(on: training, folds: folds)
    #expect(model.isCalibrated)
    #expect(model.temperature > 0 && model.temperature.isFinite)
    let prediction = model.predict("troops withdraw home , not abroad")
    let scaled = LogSpace.normalized(prediction.uncalibratedLogProbabilities.map { $0 / model.temperature })
    for (a, b) in zip(scaled, prediction.logProbabilities) { #expect(abs(a - b) < 1e-12) }
    #expect(abs(prediction.probabilities.reduce(0, +) - 1) < 1e-12)
    let explanation = model.explain("troops withdraw home")
    #expect(abs(explanation.calibratedLogOdds - explanation.logOdds / model.temperature) < 1e-12)
    // The temperature survives a round trip through the file format.
    let reloaded = try NaiveBayesModel(serialized: model.serialized())
    #expect(reloaded.isCalibrated && reloaded.temperature == model.temperature)
    #expect(reloaded.serialized() == model.serialized())
  }

  @Test(arguments: NaiveBayesVariant.allCases)
  func subtractedCountsEqualTrainingOnTheOtherFolds(_ variant: NaiveBayesVariant) throws {
    let examples = Fixtures.examples(count: 300, seed: 51)
    let options = Fixtures.options(variant, minCount: 2)
    let labels = NaiveBayesModel.sortedLabels(examples)
    let held = examples.indices.filter { $0 % 4 == 1 }.map { examples[$0] }
    let rest = examples.indices.filter { $0 % 4 != 1 }.map { examples[$0] }
    let total = FeatureCounter.count(examples, labels: labels, options: options).counts
    let part = FeatureCounter.count(held, labels: labels, options: options).counts
    let subtracted = NaiveBayesModel(counts: total.subtracting(part), options: options)
    let trained = try NaiveBayesModel(training: rest, options: options)
    for example in held {
      #expect(subtracted.predict(example.text).logProbabilities == trained.predict(example.text).logProbabilities)
    }
  }

  @Test func temperatureSearchFindsTheMinimum() {
    // Scores that are 3x too confident: the best temperature is near 3.
    var random = SeededRandom(state: 5)
    var rows: [[Double]] = []
    var truth: [Int] = []
    for _ in 0..<4000 {
      let margin = Double(random.next() % 1000) / 250 - 2  // true log-odds in [-2, 2]
      let p = 1 / (1 + exp(-margin))
      let label = Double(random.next() % 10_000) / 10_000 < p ? 1 : 0
      rows.append(LogSpace.normalized([0, 3 * margin]))
      truth.append(label)
    }
    let t = NaiveBayesModel.fitTemperature(logProbabilities: rows, truth: truth)
    #expect(t > 2.5 && t < 3.6)
  }

  @Test func calibrationChecksItsInputs() throws {
    let training = Fixtures.examples(count: 50, seed: 2)
    var model = try NaiveBayesModel(training: training, options: TrainingOptions())
    #expect(throws: NaiveBayesError.self) { try model.calibrate(on: training, folds: [0]) }
    #expect(throws: NaiveBayesError.self) {
      try model.calibrate(on: training, folds: Array(repeating: 0, count: training.count))
    }
    let stranger = [TrainingExample(text: "x", label: "unknown"), TrainingExample(text: "y", label: "unknown")]
    #expect(throws: NaiveBayesError.self) { try model.calibrate(on: stranger, folds: [0, 1]) }
  }

  static let mrPath = repositoryData("mr/data.jsonl")
  static let mrFolds = repositoryData("folds/mr.folds")

  /// Calibration fitted on the training folds must lower the expected calibration error on a held-out fold.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: mrPath)))
  func calibrationLowersECEOnMovieReviews() throws {
    let corpus = try CorpusReader.read(path: Self.mrPath)
    let folds = try String(contentsOfFile: Self.mrFolds, encoding: .utf8).split(separator: "\n").map { Int($0)! }
    let examples = corpus.passages.map(\.example)
    let training = zip(examples, folds).filter { $0.1 != 0 }.map(\.0)
    let held = zip(examples, folds).filter { $0.1 == 0 }.map(\.0)
    let options = Fixtures.options(.multinomial, ngrams: 1...2, binary: true)
    var model = try NaiveBayesModel(training: training, options: options)
    let innerFolds = zip(examples, folds).filter { $0.1 != 0 }.map { $0.1 % 5 }
    try model.calibrate(on: training, folds: innerFolds)
    var raw: [(Double, Bool)] = []
    var calibrated: [(Double, Bool)] = []
    for example in held {
      let prediction = model.predict(example.text)
      let truth = model.labels.firstIndex(of: example.label)!
      let top = prediction.uncalibratedLogProbabilities.indices.max { prediction.uncalibratedLogProbabilities[$0] < prediction.uncalibratedLogProbabilities[$1] }!
      raw.append((exp(prediction.uncalibratedLogProbabilities[top]), top == truth))
      calibrated.append((exp(prediction.logProbabilities[top]), top == truth))
    }
    let before = expectedCalibrationError(raw)
    let after = expectedCalibrationError(calibrated)
    #expect(after < before, "ECE \(before) -> \(after), T = \(model.temperature)")
  }

  /// ECE over 10 equal-width confidence bins (Guo et al. 2017).
  func expectedCalibrationError(_ predictions: [(confidence: Double, correct: Bool)]) -> Double {
    var bins = Array(repeating: (count: 0.0, confidence: 0.0, correct: 0.0), count: 10)
    for (confidence, correct) in predictions {
      let bin = min(Int(confidence * 10), 9)
      bins[bin].count += 1
      bins[bin].confidence += confidence
      bins[bin].correct += correct ? 1 : 0
    }
    let total = Double(predictions.count)
    return bins.reduce(0) { $0 + abs($1.confidence - $1.correct) / total }
  }
}

/// A path in the shared classification data beside the repository.
func repositoryData(_ relative: String) -> String {
  URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/data/classification/\(relative)").path
}
