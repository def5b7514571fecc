import Foundation
import Testing

@testable import StanceKit

/// Training on several threads splits n-grams between shards; the model must not notice.
@Suite struct ShardedCountingTests {
  static var optionSets: [TrainingOptions] {
    var sets = FeatureMatrixTests.optionSets
    for range in [2...2, 1...4] {
      var features = FeatureOptions()
      features.ngramRange = range
      sets.append(TrainingOptions(variant: .multinomial, features: features))
    }
    return sets
  }

  @Test(arguments: [2, 3, 5])
  func shardedTrainingGivesTheSameModelAndPredictions(jobs: Int) throws {
    let examples = FeatureMatrixTests.corpus(seed: 41, count: 300)
    let probes = FeatureMatrixTests.corpus(seed: 42, count: 60).map(\.text) + ["home troops never", "unseen words only"]
    for options in Self.optionSets {
      let one = try NaiveBayesModel(training: examples, options: options, jobs: 1)
      let many = try NaiveBayesModel(training: examples, options: options, jobs: jobs)
      #expect(many.serialized() == one.serialized(), "options \(options)")
      for text in probes {
        #expect(many.predict(text).logProbabilities == one.predict(text).logProbabilities, "\(text.debugDescription) with \(options)")
        #expect(many.explain(text) == one.explain(text))
      }
    }
  }

  @Test func moreShardsThanNgramsStillWork() throws {
    let examples = [TrainingExample(text: "war", label: "a"), TrainingExample(text: "home", label: "b")]
    let one = try NaiveBayesModel(training: examples, options: TrainingOptions(), jobs: 1)
    let many = try NaiveBayesModel(training: examples, options: TrainingOptions(), jobs: 16)
    #expect(many.serialized() == one.serialized())
    #expect(many.predict("war home").logProbabilities == one.predict("war home").logProbabilities)
  }
}
