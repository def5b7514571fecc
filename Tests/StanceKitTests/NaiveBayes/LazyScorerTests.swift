import Testing

@testable import StanceKit

/// Weights are built on first use: never by training or loading alone, once for threads that
/// predict at the same time, and they score as an eagerly built model does.
@Suite struct LazyScorerTests {
  @Test func scorerIsBuiltOnFirstUseOnly() async throws {
    let options = TrainingOptions(variant: .multinomial, features: FeatureOptions(ngramRange: 1...2))
    let model = try NaiveBayesModel(training: ScorerTests.corpus(seed: 7, count: 200), options: options)
    #expect(!model.lazyScorer.isBuilt, "training builds no weights")
    let loaded = try NaiveBayesModel(serialized: model.serialized())
    #expect(!loaded.lazyScorer.isBuilt, "loading builds no weights")
    let texts = ScorerTests.corpus(seed: 8, count: 64).map(\.text)
    let concurrent = await withTaskGroup(of: (Int, [Double]).self) { group in
      for (index, text) in texts.enumerated() { group.addTask { (index, loaded.predict(text).logProbabilities) } }
      var results = [[Double]](repeating: [], count: texts.count)
      for await (index, probabilities) in group { results[index] = probabilities }
      return results
    }
    #expect(loaded.lazyScorer.isBuilt)
    let direct = Scorer(counts: model.counts, options: options)
    for (text, probabilities) in zip(texts, concurrent) {
      let features = direct.features(of: text, tokenizer: model.tokenizer, presence: options.countsPresence)
      let expected = model.prediction(jointLogLikelihood: direct.jointLogLikelihood(features), temperature: 1)
      #expect(probabilities == expected.logProbabilities, "\(text)")
    }
  }
}
