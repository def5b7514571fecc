import Foundation
import Testing
@testable import StanceKit

/// Each variant against numbers worked out by hand from its formula on a 3-word, 2-class corpus.
///
/// Corpus (unigram counts): neg "zz zz yy"; pos "xx yy", "xx xx zz".
/// Token counts — pos: xx 3, yy 1, zz 1 (total 5); neg: xx 0, yy 1, zz 2 (total 3).
/// Document counts — pos (2 docs): xx 2, yy 1, zz 1; neg (1 doc): xx 0, yy 1, zz 1.
@Suite struct VariantMathTests {
  let corpus = [
    TrainingExample(text: "xx yy", label: "pos"),
    TrainingExample(text: "zz zz yy", label: "neg"),
    TrainingExample(text: "xx xx zz", label: "pos"),
  ]
  let query = "xx zz zz"

  func model(_ variant: NaiveBayesVariant, fitPrior: Bool = true) throws -> NaiveBayesModel {
    try NaiveBayesModel(
      training: corpus,
      options: TrainingOptions(variant: variant, alpha: 1, fitPrior: fitPrior, features: FeatureOptions()))
  }

  func expectLogProbabilities(_ prediction: Prediction, neg: Double, pos: Double) {
    let total = log(exp(neg) + exp(pos))
    #expect(abs(prediction.uncalibratedLogProbabilities[0] - (neg - total)) < 1e-12)
    #expect(abs(prediction.uncalibratedLogProbabilities[1] - (pos - total)) < 1e-12)
    #expect(prediction.logProbabilities == prediction.uncalibratedLogProbabilities)
  }

  @Test func multinomialMatchesHandComputation() throws {
    let model = try model(.multinomial)
    #expect(model.labels == ["neg", "pos"])
    // θ_pos = (3+1, 1+1, 1+1) / (5+3); θ_neg = (0+1, 1+1, 2+1) / (3+3); query: xx once, zz twice.
    let pos = log(2.0 / 3) + log(4.0 / 8) + 2 * log(2.0 / 8)
    let neg = log(1.0 / 3) + log(1.0 / 6) + 2 * log(3.0 / 6)
    let prediction = model.predict(query)
    expectLogProbabilities(prediction, neg: neg, pos: pos)
    #expect(prediction.label == (neg > pos ? "neg" : "pos"))
  }

  @Test func uniformPriorDropsLabelFrequencies() throws {
    let model = try model(.multinomial, fitPrior: false)
    let pos = log(0.5) + log(4.0 / 8) + 2 * log(2.0 / 8)
    let neg = log(0.5) + log(1.0 / 6) + 2 * log(3.0 / 6)
    expectLogProbabilities(model.predict(query), neg: neg, pos: pos)
  }

  @Test func complementMatchesHandComputation() throws {
    let model = try model(.complement)
    // Complement counts: for pos use neg's (0,1,2)+α over 3+3; for neg use pos's (3,1,1)+α over 5+3.
    // Weight = −log θ̃, no prior term.
    let pos = -(log(1.0 / 6) + 2 * log(3.0 / 6))
    let neg = -(log(4.0 / 8) + 2 * log(2.0 / 8))
    expectLogProbabilities(model.predict(query), neg: neg, pos: pos)
  }

  @Test func bernoulliMatchesHandComputation() throws {
    let model = try model(.bernoulli)
    // p_pos = (2+1, 1+1, 1+1) / (2+2); p_neg = (0+1, 1+1, 1+1) / (1+2). Query has xx, zz; yy absent.
    let pos = log(2.0 / 3) + log(3.0 / 4) + log(1 - 2.0 / 4) + log(2.0 / 4)
    let neg = log(1.0 / 3) + log(1.0 / 3) + log(1 - 2.0 / 3) + log(2.0 / 3)
    expectLogProbabilities(model.predict(query), neg: neg, pos: pos)
  }

  @Test func minCountHidesRareFeatures() throws {
    // With minCount 3 only xx (3) and zz (3) survive; yy (2) is invisible, |V| = 2.
    var options = TrainingOptions(variant: .multinomial)
    options.features.minCount = 3
    let model = try NaiveBayesModel(training: corpus, options: options)
    let pos = log(2.0 / 3) + log(4.0 / 6) + 2 * log(2.0 / 6)
    let neg = log(1.0 / 3) + log(1.0 / 4) + 2 * log(3.0 / 4)
    expectLogProbabilities(model.predict(query + " yy"), neg: neg, pos: pos)
  }

  @Test func punctuationNGramsCountByPresence() throws {
    let training = [
      TrainingExample(text: "good !!! good", label: "pos"), TrainingExample(text: "bad .", label: "neg"),
    ]
    let model = try NaiveBayesModel(training: training, options: TrainingOptions(variant: .multinomial))
    let counts = model.counts
    let width = counts.vocabulary.count
    let pos = counts.labels.firstIndex(of: "pos")!
    #expect(counts.featureCounts[pos * width + counts.vocabulary.firstIndex(of: "!")!] == 1)
    #expect(counts.featureCounts[pos * width + counts.vocabulary.firstIndex(of: "good")!] == 2)
    #expect(model.predict("good ! ! !").logProbabilities == model.predict("good !").logProbabilities)
    #expect(model.predict("good good").logProbabilities != model.predict("good").logProbabilities)
    #expect(Tokenizer.containsMark(ngram: "good !") && Tokenizer.containsMark(ngram: ". the"))
    #expect(!Tokenizer.containsMark(ngram: "good movie") && !Tokenizer.containsMark(ngram: "<num>"))
  }

  @Test func unseenTextFallsBackToPriors() throws {
    let prediction = try model(.multinomial).predict("nothing known here")
    #expect(abs(prediction.probabilities[1] - 2.0 / 3) < 1e-12)
    #expect(prediction.label == "pos")
  }
}
