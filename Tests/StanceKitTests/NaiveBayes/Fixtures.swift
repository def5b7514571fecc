import Foundation
@testable import StanceKit

/// SplitMix64 for reproducible random test inputs.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

enum Fixtures {
  static let words = [
    "peace", "war", "troops", "withdraw", "alliance", "deter", "restraint", "engage", "nato",
    "costly", "abroad", "home", "allies", "commit", "retreat", "presence", "bases", "trade",
  ]
  static let labels = ["engagement", "neutral", "restraint"]

  /// Random labelled texts of 0–12 words, some with punctuation and negators.
  static func examples(count: Int, seed: UInt64, labels: [String] = labels) -> [TrainingExample] {
    var random = SeededRandom(state: seed)
    return (0..<count).map { index in
      let length = Int(random.next() % 13)
      var parts: [String] = []
      for _ in 0..<length {
        let roll = random.next() % 20
        if roll == 0 {
          parts.append("not")
        } else if roll == 1 {
          parts.append(",")
        } else {
          parts.append(words[Int(random.next() % UInt64(words.count))])
        }
      }
      // Every label shows up early so each shard has all of them.
      let label = index < labels.count ? labels[index] : labels[Int(random.next() % UInt64(labels.count))]
      return TrainingExample(text: parts.joined(separator: " "), label: label)
    }
  }

  static func options(
    _ variant: NaiveBayesVariant, ngrams: ClosedRange<Int> = 1...2, binary: Bool = true,
    negation: Bool = false, minCount: Int = 1, fitPrior: Bool = true
  ) -> TrainingOptions {
    TrainingOptions(
      variant: variant, alpha: 1, fitPrior: fitPrior,
      features: FeatureOptions(ngramRange: ngrams, binary: binary, negation: negation, minCount: minCount))
  }
}
