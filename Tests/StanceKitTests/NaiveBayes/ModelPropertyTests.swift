import Foundation
import Testing
@testable import StanceKit

@Suite struct ModelPropertyTests {
  static let variants = NaiveBayesVariant.allCases

  @Test(arguments: variants)
  func probabilitiesSumToOneAndMatchLogs(_ variant: NaiveBayesVariant) throws {
    let training = Fixtures.examples(count: 300, seed: 7)
    let model = try NaiveBayesModel(training: training, options: Fixtures.options(variant, binary: false))
    for example in Fixtures.examples(count: 200, seed: 99) {
      let prediction = model.predict(example.text + " unseenword")
      let sum = prediction.probabilities.reduce(0, +)
      #expect(abs(sum - 1) < 1e-12)
      for (p, logP) in zip(prediction.probabilities, prediction.logProbabilities) {
        #expect(abs(log(p) - logP) < 1e-9)
      }
      let best = prediction.logProbabilities.indices.max { prediction.logProbabilities[$0] < prediction.logProbabilities[$1] }!
      #expect(model.labels[best] == prediction.label)
    }
  }

  @Test(arguments: variants)
  func trainingTwiceGivesIdenticalBytes(_ variant: NaiveBayesVariant) throws {
    let training = Fixtures.examples(count: 200, seed: 3)
    let options = Fixtures.options(variant, ngrams: 1...3, negation: true)
    let first = try NaiveBayesModel(training: training, options: options).serialized()
    let second = try NaiveBayesModel(training: training, options: options).serialized()
    #expect(first == second)
    // Example order must not matter either: counts and the digest are order-free.
    let shuffled = try NaiveBayesModel(training: training.reversed(), options: options).serialized()
    #expect(first == shuffled)
  }

  @Test(arguments: variants)
  func mergingHalvesEqualsTrainingOnTheWhole(_ variant: NaiveBayesVariant) throws {
    let training = Fixtures.examples(count: 240, seed: 11)
    let options = Fixtures.options(variant, minCount: 2)
    let whole = try NaiveBayesModel(training: training, options: options)
    let left = try NaiveBayesModel(training: Array(training[..<120]), options: options)
    let right = try NaiveBayesModel(training: Array(training[120...]), options: options)
    #expect(try left.merged(with: right).serialized() == whole.serialized())
    #expect(try right.merged(with: left).serialized() == whole.serialized())
  }

  @Test func mergingUnitesLabelSets() throws {
    let a = Fixtures.examples(count: 60, seed: 5, labels: ["engagement", "restraint"])
    let b = Fixtures.examples(count: 60, seed: 6, labels: ["neutral", "restraint"])
    let options = Fixtures.options(.multinomial)
    let merged = try NaiveBayesModel(training: a, options: options)
      .merged(with: NaiveBayesModel(training: b, options: options))
    #expect(merged.labels == ["engagement", "neutral", "restraint"])
    #expect(try merged.serialized() == NaiveBayesModel(training: a + b, options: options).serialized())
  }

  @Test func mergingRefusesDifferentOptions() throws {
    let training = Fixtures.examples(count: 50, seed: 1)
    let a = try NaiveBayesModel(training: training, options: Fixtures.options(.multinomial))
    let b = try NaiveBayesModel(training: training, options: Fixtures.options(.bernoulli))
    #expect(throws: NaiveBayesError.self) { try a.merged(with: b) }
  }

  @Test(arguments: variants)
  func updateEqualsTrainingOnAll(_ variant: NaiveBayesVariant) throws {
    let training = Fixtures.examples(count: 200, seed: 21)
    let options = Fixtures.options(variant, binary: false)
    var model = try NaiveBayesModel(training: Array(training[..<150]), options: options)
    // The update batch may hold a single label: only the whole model needs two.
    let extra = Array(training[150...]).map { TrainingExample(text: $0.text, label: "restraint") }
    try model.update(with: extra)
    let all = Array(training[..<150]) + extra
    #expect(try model.serialized() == NaiveBayesModel(training: all, options: options).serialized())
  }

  @Test(arguments: variants)
  func explanationsAddUpToTheLogOdds(_ variant: NaiveBayesVariant) throws {
    let training = Fixtures.examples(count: 300, seed: 31)
    let model = try NaiveBayesModel(training: training, options: Fixtures.options(variant, binary: variant == .bernoulli ? true : false))
    for example in Fixtures.examples(count: 100, seed: 77) {
      let explanation = model.explain(example.text)
      let prediction = model.predict(example.text)
      let labels = model.labels
      let logOdds =
        prediction.uncalibratedLogProbabilities[labels.firstIndex(of: explanation.label)!]
        - prediction.uncalibratedLogProbabilities[labels.firstIndex(of: explanation.runnerUp)!]
      let sum = explanation.contributions.reduce(explanation.priorTerm) { $0 + $1.value }
      #expect(abs(sum - explanation.logOdds) < 1e-9)
      #expect(abs(logOdds - explanation.logOdds) < 1e-9)
      #expect(explanation.label == prediction.label)
      #expect(explanation.logOdds >= 0)
      #expect(
        explanation.contributions.contains { $0.feature == Explanation.absentFeatures } == (variant == .bernoulli))
    }
  }

  @Test func indicativeFeaturesFavourTheirLabel() throws {
    var training: [TrainingExample] = []
    for index in 0..<40 {
      training.append(TrainingExample(text: "troops must withdraw home \(index % 3 == 0 ? "now" : "")", label: "restraint"))
      training.append(TrainingExample(text: "allies need our presence abroad", label: "engagement"))
    }
    let model = try NaiveBayesModel(training: training, options: Fixtures.options(.multinomial, ngrams: 1...1))
    let top = model.indicativeFeatures(top: 3)
    #expect(top["restraint"]?.count == 3)
    #expect(top["restraint"]!.allSatisfy { ["troops", "must", "withdraw", "home", "now"].contains($0.feature) })
    #expect(top["engagement"]!.allSatisfy { ["allies", "need", "our", "presence", "abroad"].contains($0.feature) })
    #expect(top["restraint"]!.allSatisfy { $0.score > 0 })
  }

  @Test(arguments: NaiveBayesVariant.allCases)
  func topFeaturesArePrefixesOfTheFullRanking(_ variant: NaiveBayesVariant) throws {
    let model = try NaiveBayesModel(training: Fixtures.examples(count: 300, seed: 8), options: Fixtures.options(variant))
    let all = model.indicativeFeatures(top: Int.max)
    let top = model.indicativeFeatures(top: 7)
    for label in model.labels {
      #expect(all[label]!.count == model.vocabularySize)
      #expect(top[label]! == Array(all[label]!.prefix(7)))
      let scores = all[label]!.map(\.score)
      #expect(scores == scores.sorted(by: >))
    }
    let none = model.indicativeFeatures(top: 0)
    #expect(none.values.allSatisfy { $0.isEmpty })
  }

  @Test func trainingNeedsTwoLabelsAndSomeText() {
    #expect(throws: NaiveBayesError.tooFewLabels(found: ["only"])) {
      try NaiveBayesModel(
        training: [TrainingExample(text: "one label", label: "only")], options: TrainingOptions())
    }
    #expect(throws: NaiveBayesError.noUsableText) {
      try NaiveBayesModel(
        training: [TrainingExample(text: "", label: "a"), TrainingExample(text: " ' \u{2019} ", label: "b")],
        options: TrainingOptions())
    }
    #expect(throws: NaiveBayesError.self) {
      try NaiveBayesModel(
        training: Fixtures.examples(count: 10, seed: 1), options: TrainingOptions(variant: .multinomial, alpha: 0))
    }
  }

  @Test func emptyTextsCountTowardsPriorsOnly() throws {
    let training = [
      TrainingExample(text: "", label: "a"), TrainingExample(text: "good stuff", label: "a"),
      TrainingExample(text: "bad stuff", label: "b"),
    ]
    let model = try NaiveBayesModel(training: training, options: TrainingOptions())
    #expect(model.exampleCount == 3)
    #expect(abs(model.predict("").probabilities[0] - 2.0 / 3) < 1e-12)
  }
}
