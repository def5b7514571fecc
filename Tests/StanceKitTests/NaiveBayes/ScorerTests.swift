import Testing

@testable import StanceKit

/// The dense and hot copies of frequent rows must score exactly like the sparse cells they copy.
@Suite struct ScorerTests {
  /// Documents over a vocabulary where a few words are frequent and most are rare, so some rows
  /// have a cell for every label and many have one.
  static func corpus(seed: UInt64, count: Int) -> [TrainingExample] {
    var random = SplitMix64(seed: seed)
    let labels = ["a", "b", "c", "d", "e"]
    return (0..<count).map { _ in
      let words = (0..<Int(random.next() % 40)).map { _ -> String in
        let rank = Int(random.next() % 400) * Int(random.next() % 400) / 400  // skewed towards 0
        return "w\(rank)"
      }
      return TrainingExample(text: words.joined(separator: " "), label: labels[Int(random.next() % 5)])
    }
  }

  @Test(arguments: NaiveBayesVariant.allCases)
  func denseRowsScoreBitForBitLikeSparseCells(variant: NaiveBayesVariant) throws {
    let options = TrainingOptions(variant: variant, features: FeatureOptions(ngramRange: 1...2))
    let model = try NaiveBayesModel(training: Self.corpus(seed: 5, count: 300), options: options)
    // No hot rows, a few (the rest of the dense rows name palette entries), and the default.
    for hotWeightBytes in [0, 5 * 8 * 7, Scorer.hotWeightBytes] {
      let scorer = Scorer(counts: model.counts, options: options, hotWeightBytes: hotWeightBytes)
      #expect(scorer.denseRows > 0 && scorer.denseRows < scorer.cellStarts.count - 1, "both kinds of row are exercised")
      #expect(scorer.hotRows == min(hotWeightBytes / 40, scorer.denseRows))
      for example in Self.corpus(seed: 6, count: 50) {
        let features = scorer.features(of: example.text, tokenizer: model.tokenizer, presence: false)
        #expect(scorer.jointLogLikelihood(features) == Self.sparseSum(scorer, features), "\(example.text)")
      }
    }
  }

  /// The sparse sum, written out: cells in feature order, then the row and label terms.
  static func sparseSum(_ scorer: Scorer, _ features: [(row: Int, count: Double)]) -> [Double] {
    var expected = scorer.bias
    var counted = 0.0
    var common = 0.0
    for (row, count) in features {
      counted += count
      common += count * (scorer.rowBase.isEmpty ? 0 : scorer.rowBase[row])
      for cell in Int(scorer.cellStarts[row])..<Int(scorer.cellStarts[row + 1]) {
        expected[scorer.cells.label(cell)] += count * scorer.cells.weight(cell)
      }
    }
    for label in expected.indices { expected[label] += counted * scorer.perCount[label] + common }
    return expected
  }

  /// Dense rows name their weights with two-byte indices; a model with more distinct weights
  /// than that keeps every row sparse, and scores the same.
  @Test func tooManyDistinctWeightsLeaveNoDenseRows() {
    // Two labels, every feature in both, each count a new value: 70,000 distinct weights.
    let size = 35_000
    let vocabulary = Vocabulary((0..<size).map { String(format: "f%06d", $0) })
    let counts = NaiveBayesCounts(
      labels: ["a", "b"], vocabulary: vocabulary, documentCounts: [10, 10],
      rowStarts: (0...size).map { 2 * $0 }, cellLabels: (0..<(2 * size)).map { Int32($0 % 2) },
      cellCounts: (0..<(2 * size)).map { Double($0 + 1) }, exampleCount: 20, digest: 0)
    let scorer = Scorer(counts: counts, options: TrainingOptions())
    #expect(scorer.cells.palette.count > Int(UInt16.max) + 1 && scorer.denseRows == 0)
    var random = SplitMix64(seed: 3)
    for _ in 0..<20 {
      let features = (0..<50).map { _ in (row: Int(random.next() % UInt64(size)), count: Double(1 + random.next() % 3)) }
      #expect(scorer.jointLogLikelihood(features) == Self.sparseSum(scorer, features))
    }
  }
}
