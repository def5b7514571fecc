import Testing
@testable import StanceKit

private func features(_ names: [String]) -> [IndicativeFeature] {
  names.enumerated().map { IndicativeFeature(feature: $1, score: Double(100 - $0), count: 1) }
}

@Test func flagsPlaceNamesInsideNgramsAndNegationScope() {
  #expect(TopicLeakage.containsName("kabul"))
  #expect(TopicLeakage.containsName("leave afghanistan"))
  #expect(TopicLeakage.containsName("NOT_taliban"))
  #expect(!TopicLeakage.containsName("bring troops"))
  #expect(!TopicLeakage.containsName("washington"))
}

@Test func warnsOnlyForLabelsWhoseTopFeaturesLeak() {
  let indicative = [
    "engagement": features(["allies", "credibility", "vacuum"]),
    "restraint": features(["come home", "iraq war", "offshore"]),
  ]
  let warnings = TopicLeakage.warnings(indicative: indicative)
  #expect(warnings == [TopicLeakage.Warning(label: "restraint", features: ["iraq war"])])
}

@Test func namesBeyondTheInspectedRankAreIgnored() {
  let list = (0..<TopicLeakage.inspectedFeatures).map { "word\($0)" } + ["syria"]
  #expect(TopicLeakage.warnings(indicative: ["engagement": features(list)]).isEmpty)
}
