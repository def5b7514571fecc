import Foundation
import Testing

@testable import StanceKit

/// Cross-validation from counts made once must predict bit for bit what training each fold from
/// its texts predicts: same labels, same probabilities, same calibration, same errors.
@Suite struct FeatureMatrixTests {
  /// Random passages over a small vocabulary with marks, numbers, repeats and a rare third label.
  static func corpus(seed: UInt64, count: Int) -> [TrainingExample] {
    var random = SplitMix64(seed: seed)
    let words = ["war", "troops", "allies", "home", "cost", "deter", "not", "never", "!", "?", ",", "1991", "it's", "well-known", "the", "a"]
    return (0..<count).map { i in
      let length = Int(random.next() % 12)
      var text = (0..<length).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
      if i % 9 == 0 { text = "" }  // empty passages count as documents with no features
      let label = i % 17 == 5 ? "neutral" : (random.next() % 2 == 0 ? "restraint" : "engagement")
      if label == "restraint" { text += " home home" }
      return TrainingExample(text: text, label: label)
    }
  }

  static let optionSets: [TrainingOptions] = {
    var sets: [TrainingOptions] = []
    for variant in NaiveBayesVariant.allCases {
      for binary in [false, true] {
        for (range, minCount) in [(1...1, 1), (1...2, 1), (1...3, 2)] {
          var features = FeatureOptions()
          features.binary = binary
          features.ngramRange = range
          features.minCount = minCount
          features.negation = range.upperBound == 3
          sets.append(TrainingOptions(variant: variant, alpha: binary ? 0.5 : 1, fitPrior: range != 1...2, features: features))
        }
      }
    }
    return sets
  }()

  /// Cross-validation the slow way: one model per fold, trained from the fold's texts.
  static func fromTexts(_ examples: [TrainingExample], folds: [Int], options: TrainingOptions, inner: (@Sendable ([Int]) -> [Int])?) throws -> CrossValidationResult {
    try CrossValidation.run(texts: examples.map(\.text), labels: examples.map(\.label), folds: folds) { indices in
      let training = indices.map { examples[$0] }
      var model = try NaiveBayesModel(training: training, options: options)
      if let inner { try model.calibrate(on: training, folds: inner(indices)) }
      return model
    }
  }

  @Test(arguments: optionSets)
  func foldModelsPredictExactlyAsModelsTrainedFromText(options: TrainingOptions) throws {
    let examples = Self.corpus(seed: 42, count: 160)
    // Fold 3 holds every "neutral" passage, so that fold's model has only two labels.
    let folds = examples.enumerated().map { $1.label == "neutral" ? 3 : $0 % 5 }
    let inner: @Sendable ([Int]) -> [Int] = { indices in indices.map { ($0 / 3) % 4 } }
    for calibration in [nil, inner] {
      let slow = try Self.fromTexts(examples, folds: folds, options: options, inner: calibration)
      let fast = try CrossValidation.runNaiveBayes(
        examples: examples, folds: folds, options: options, calibrationFolds: calibration)
      #expect(fast.labels == slow.labels)
      #expect(fast.isCalibrated == slow.isCalibrated)
      #expect(fast.predictions == slow.predictions)
      #expect(fast.folds.map(\.metrics.accuracy) == slow.folds.map(\.metrics.accuracy))
      #expect(fast.folds.map(\.unknownLabels) == slow.folds.map(\.unknownLabels))
    }
  }

  @Test func parallelFoldsGiveTheSameResult() throws {
    let examples = Self.corpus(seed: 7, count: 120)
    let folds = examples.indices.map { $0 % 4 }
    var options = TrainingOptions()
    options.features.ngramRange = 1...2
    let serial = try CrossValidation.runNaiveBayes(examples: examples, folds: folds, options: options)
    let parallel = try CrossValidation.runNaiveBayes(examples: examples, folds: folds, options: options, jobs: 2)
    #expect(serial.predictions == parallel.predictions)
  }

  @Test func foldWithOneLabelFailsLikeTrainingFromText() throws {
    let examples = [
      TrainingExample(text: "stay home", label: "restraint"), TrainingExample(text: "come home", label: "restraint"),
      TrainingExample(text: "stand with allies", label: "engagement"),
    ]
    // Fold 0 is evaluated first; its training set (fold 1) has only "engagement".
    let folds = [0, 0, 1]
    let error = NaiveBayesError.tooFewLabels(found: ["engagement"])
    #expect(throws: error) { try Self.fromTexts(examples, folds: folds, options: TrainingOptions(), inner: nil) }
    #expect(throws: error) {
      try CrossValidation.runNaiveBayes(examples: examples, folds: folds, options: TrainingOptions())
    }
  }

  @Test func foldWithoutFeaturesFailsLikeTrainingFromText() throws {
    let examples = [
      TrainingExample(text: "", label: "a"), TrainingExample(text: "?", label: "b"),
      TrainingExample(text: "words here", label: "a"), TrainingExample(text: "more words", label: "b"),
    ]
    var options = TrainingOptions()
    options.features.stopWords = true
    let folds = [0, 0, 1, 1]
    // Fold 1 trains on "" and "?", which still yields the mark "?"; drop marks by asking for bigrams only.
    options.features.ngramRange = 2...2
    #expect(throws: NaiveBayesError.noUsableText) {
      try Self.fromTexts(examples, folds: folds, options: options, inner: nil)
    }
    #expect(throws: NaiveBayesError.noUsableText) {
      try CrossValidation.runNaiveBayes(examples: examples, folds: folds, options: options)
    }
  }

  @Test func matrixCountsOfEveryDocumentEqualTheWholeModel() throws {
    let examples = Self.corpus(seed: 3, count: 90)
    var options = TrainingOptions()
    options.features.ngramRange = 1...2
    let matrix = try FeatureMatrix(examples: examples, options: options)
    let whole = try NaiveBayesModel(training: examples, options: options)
    let rebuilt = matrix.counts(of: Array(examples.indices.reversed()), labels: matrix.labels)
    #expect(rebuilt == whole.counts)
    #expect(matrix.total == whole.counts)
  }
}
