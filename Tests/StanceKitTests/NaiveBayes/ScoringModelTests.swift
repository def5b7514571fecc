import Foundation
import Testing

@testable import StanceKit

/// A model read for scoring only lets its counts go while it builds its weights: it must still
/// predict and explain exactly as the whole model read from the same file, which keeps working.
@Suite struct ScoringModelTests {
  /// Trigrams take the lookup's other path (keys of three tokens); the scoring-only model names
  /// features from the lookup, since it keeps no vocabulary.
  @Test(arguments: NaiveBayesVariant.allCases, [1...2, 1...3])
  func scoresAndExplainsLikeTheWholeModel(variant: NaiveBayesVariant, ngrams: ClosedRange<Int>) throws {
    let examples = ScorerTests.corpus(seed: 11, count: 300)
    let options = TrainingOptions(variant: variant, features: FeatureOptions(ngramRange: ngrams))
    var trained = try NaiveBayesModel(training: examples, options: options)
    try trained.calibrate(on: examples, folds: examples.indices.map { $0 % 3 })
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("scoring-\(UUID()).stance").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try trained.write(to: path)

    let whole = try NaiveBayesModel(contentsOf: path)
    let scoring = try NaiveBayesModel(scoringContentsOf: path)
    #expect(scoring.lazyScorer.isBuilt, "the weights are built on reading")
    #expect(scoring.labels == whole.labels)
    #expect(scoring.exampleCount == whole.exampleCount)
    #expect(scoring.trainingDigest == whole.trainingDigest)
    #expect(scoring.vocabularySize == whole.vocabularySize)
    #expect(scoring.temperature == whole.temperature && scoring.isCalibrated)
    #expect(scoring.explain(examples[0].text).contributions.contains { $0.feature.contains(" ") })
    for example in ScorerTests.corpus(seed: 12, count: 60) {
      let expected = whole.predict(example.text)
      let prediction = scoring.predict(example.text)
      #expect(prediction.label == expected.label, "\(example.text)")
      #expect(prediction.logProbabilities == expected.logProbabilities, "\(example.text)")
      #expect(prediction.uncalibratedLogProbabilities == expected.uncalibratedLogProbabilities)
      #expect(scoring.explain(example.text) == whole.explain(example.text), "\(example.text)")
    }

    // The whole model still has its counts: it writes the same bytes, updates and merges.
    #expect(whole.serialized() == trained.serialized())
    var updated = whole
    try updated.update(with: Array(examples.prefix(10)))
    #expect(updated.exampleCount == examples.count + 10)
    #expect(try whole.merged(with: whole).exampleCount == 2 * examples.count)
    #expect(!whole.indicativeFeatures(top: 3).isEmpty)

    // The scoring-only model says what it cannot do instead of stopping.
    var scoringCopy = scoring
    let refused = NaiveBayesError.scoringOnly(operation: "write")
    #expect(throws: refused) { try scoring.write(to: path + ".copy") }
    #expect(!FileManager.default.fileExists(atPath: path + ".copy"))
    #expect(throws: NaiveBayesError.scoringOnly(operation: "update")) { try scoringCopy.update(with: examples) }
    #expect(throws: NaiveBayesError.scoringOnly(operation: "merge")) { try whole.merged(with: scoring) }
    #expect(throws: NaiveBayesError.scoringOnly(operation: "calibrate")) {
      try scoringCopy.calibrate(on: examples, folds: examples.indices.map { $0 % 3 })
    }
    #expect(refused.description.contains("scoring only"))
  }
}
