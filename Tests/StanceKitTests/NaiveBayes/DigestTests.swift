import Testing

@testable import StanceKit

/// Hashing four documents side by side gives the digest that hashing them one by one gives.
@Suite struct DigestTests {
  @Test(arguments: [0, 1, 3, 4, 5, 8, 11, 64])
  func digestSumIsTheSumOfDigests(count: Int) {
    var random = SplitMix64(seed: UInt64(count) + 3)
    let pieces = ["war", "é", "troops", " ", "米軍", "\n", "\u{1F600}", "x"]
    let examples = (0..<count).map { index in
      let length = Int(random.next() % 300)
      let text = (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
      return TrainingExample(text: text, label: index % 3 == 0 ? "restraint" : "engagement")
    }
    let oneByOne = examples.reduce(UInt64(0)) { $0 &+ NaiveBayesCounts.digest(of: $1) }
    #expect(NaiveBayesCounts.digestSum(of: examples) == oneByOne)
    #expect(NaiveBayesCounts.digestSum(of: examples.reversed()) == oneByOne)
  }
}
