import Testing

@testable import StanceKit

/// The dense copy of frequent rows must score exactly like the sparse cells it copies.
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
    let scorer = model.scorer
    #expect(scorer.denseRows > 0 && scorer.denseRows < scorer.cellStarts.count - 1, "both kinds of row are exercised")
    for example in Self.corpus(seed: 6, count: 50) {
      let features = scorer.features(of: example.text, tokenizer: model.tokenizer, presence: false)
      // The sparse sum, written out: cells in feature order, then the row and label terms.
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
      #expect(scorer.jointLogLikelihood(features) == expected, "\(example.text)")
    }
  }
}
