import Foundation
import Testing
@testable import StanceKit

private let labels = ["engagement", "neutral", "restraint"]

/// Log-probabilities for one passage from plain probabilities (engagement, neutral, restraint).
private func passage(_ index: Int, _ e: Double, _ n: Double, _ r: Double) -> (index: Int, label: String, logProbabilities: [Double]) {
  let p = [e, n, r]
  let best = p.indices.max { p[$0] < p[$1] }!
  return (index, labels[best], p.map { log($0) })
}

@Test func neutralPassagesDoNotVote() throws {
  // Five background passages lean slightly to engagement; two arguing passages are restraint.
  var passages = (0..<5).map { passage($0, 0.3, 0.6, 0.1) }
  passages.append(passage(5, 0.1, 0.1, 0.8))
  passages.append(passage(6, 0.2, 0.1, 0.7))
  let stance = try #require(ArticleStance.decide(labels: labels, passages: passages))
  #expect(stance.label == "restraint")
  #expect(stance.arguing == 2)
  #expect(abs(stance.score - (log(8.0) + log(3.5))) < 1e-12)
  #expect(stance.deciding.map(\.index) == [5, 6])
}

@Test func weakEvidenceIsUnclear() throws {
  let passages = [passage(0, 0.45, 0.1, 0.54), passage(1, 0.5, 0.1, 0.45)]  // log(1.2) + log(0.9) > 0
  let stance = try #require(ArticleStance.decide(labels: labels, passages: passages))
  #expect(abs(stance.score) < 1)
  #expect(stance.label == "unclear")
  var loose = ArticleStanceRule()
  loose.margin = 0.01
  let decided = try #require(ArticleStance.decide(labels: labels, passages: passages, rule: loose))
  #expect(decided.label == "restraint")
}

@Test func engagementVerdictReportsEngagementPassagesStrongestFirst() throws {
  let passages = [
    passage(0, 0.6, 0.1, 0.3), passage(1, 0.9, 0.05, 0.05), passage(2, 0.2, 0.1, 0.7),
    passage(3, 0.7, 0.1, 0.2), passage(4, 0.65, 0.15, 0.2),
  ]
  let stance = try #require(ArticleStance.decide(labels: labels, passages: passages))
  #expect(stance.label == "engagement")
  #expect(stance.deciding.map(\.index) == [1, 3, 4])
  #expect(stance.deciding.allSatisfy { $0.logOdds < 0 })
}

@Test func modelsWithoutStanceLabelsAreNotRead() {
  #expect(ArticleStance.decide(labels: ["neg", "pos"], passages: []) == nil)
}

@Test func noArguingPassagesIsNoArgument() throws {
  let stance = try #require(ArticleStance.decide(labels: labels, passages: [passage(0, 0.2, 0.7, 0.1)]))
  #expect(stance.label == "no-argument")
  #expect(stance.arguing == 0)
  #expect(stance.deciding.isEmpty)
  let empty = try #require(ArticleStance.decide(labels: labels, passages: []))
  #expect(empty.label == "no-argument")
}

@Test func balancedArgumentsAreUnclearNotNoArgument() throws {
  // Two passages argue, one each way, with equal strength: arguments on both sides.
  let passages = [passage(0, 0.8, 0.1, 0.1), passage(1, 0.1, 0.1, 0.8)]
  let stance = try #require(ArticleStance.decide(labels: labels, passages: passages))
  #expect(stance.arguing == 2)
  #expect(stance.label == "unclear")
}
