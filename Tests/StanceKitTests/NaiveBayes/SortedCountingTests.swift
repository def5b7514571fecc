import Foundation
import Testing

@testable import StanceKit

/// Counting unigrams and bigrams by sorting must give exactly what the hash-table counter gives.
@Suite struct SortedCountingTests {
  /// Texts with repeated words, repeated bigrams, marks, numbers, clitics and non-ASCII words.
  static func corpus(seed: UInt64, count: Int) -> [TrainingExample] {
    var random = SplitMix64(seed: seed)
    let words = [
      "war", "war", "troops", "allies", "home", "the", "the", "a", "!", ",", ".", "1991", "it's", "don't",
      "Éclat", "éclat", "über", "東京", "well-known", "NOT", "never", "x",
    ]
    let labels = ["engagement", "restraint", "neutral", "other"]
    return (0..<count).map { i in
      let length = Int(random.next() % 30)
      let text = (0..<length).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
      return TrainingExample(text: i % 11 == 0 ? "" : text, label: labels[Int(random.next() % UInt64(labels.count))])
    }
  }

  static var optionSets: [TrainingOptions] {
    var sets: [TrainingOptions] = []
    for variant in NaiveBayesVariant.allCases {
      for binary in [false, true] {
        for range in [1...1, 1...2, 2...2] {
          for negation in [false, true] {
            let features = FeatureOptions(ngramRange: range, binary: binary, negation: negation, stopWords: negation)
            sets.append(TrainingOptions(variant: variant, features: features))
          }
        }
      }
    }
    return sets
  }

  @Test(arguments: [1, 3])
  func sortingCountsEqualHashingCounts(jobs: Int) throws {
    let examples = Self.corpus(seed: 7, count: 400)
    let labels = NaiveBayesModel.sortedLabels(examples)
    let probes = Self.corpus(seed: 8, count: 40).map(\.text) + ["war war war", "unseen only", "the the ! !"]
    for options in Self.optionSets {
      let corpus = TokenizedCorpus(examples, labels: labels, tokenizer: Tokenizer(options: options.features), jobs: jobs)
      let sorted = try #require(SortedCounting.count(corpus, labels: labels, options: options, jobs: jobs))
      let hashed = FeatureCounter.count(examples, labels: labels, options: options, jobs: jobs, method: .hashing)
      #expect(sorted.counts == hashed.counts, "options \(options)")
      #expect(sorted.lookup.featureHasMark == hashed.lookup.featureHasMark)
      // The lookups must find the same features in new text.
      let a = NaiveBayesModel(counts: sorted.counts, options: options, lookup: sorted.lookup)
      let b = NaiveBayesModel(counts: hashed.counts, options: options, lookup: hashed.lookup)
      for text in probes {
        #expect(a.predict(text).logProbabilities == b.predict(text).logProbabilities, "\(text) with \(options)")
        #expect(a.explain(text) == b.explain(text))
      }
    }
  }

  /// Enough distinct tokens (about 70 000) and labels (five) that occurrences fall in 32
  /// buckets, so counting a few buckets per pass is exercised.
  static func manyTokens(seed: UInt64, count: Int) -> [TrainingExample] {
    var random = SplitMix64(seed: seed)
    let words = ["war", "the", "the", "a", "!", ".", "allies", "NOT"]
    return (0..<count).map { _ in
      let text = (0..<(200 + Int(random.next() % 100))).map { _ in
        random.next() % 3 == 0 ? words[Int(random.next() % UInt64(words.count))] : "t\(random.next() % 1_000_000)"
      }.joined(separator: " ")
      return TrainingExample(text: text, label: ["a", "b", "c", "d", "e"][Int(random.next() % 5)])
    }
  }

  @Test(arguments: [1, 3])
  func passesOverSomeBucketsCountAsOnePass(jobs: Int) throws {
    let examples = Self.manyTokens(seed: 11, count: 450)
    let labels = NaiveBayesModel.sortedLabels(examples)
    for (range, binary) in [(1...2, true), (1...2, false), (2...2, true)] {
      let options = TrainingOptions(variant: .multinomial, features: FeatureOptions(ngramRange: range, binary: binary))
      let tokenizer = Tokenizer(options: options.features)
      let corpus = TokenizedCorpus(examples, labels: labels, tokenizer: tokenizer, jobs: jobs)
      let layout = try #require(SortedCounting.Layout(corpus, labelCount: labels.count, options: options))
      #expect(layout.bucketBits == 5)
      let whole = try #require(SortedCounting.count(corpus, labels: labels, options: options, jobs: jobs))
      // One bucket per pass, and a few buckets per pass.
      for passKeys in [1, 20_000] {
        let passes = try #require(
          SortedCounting.count(corpus, labels: labels, options: options, jobs: jobs, passKeys: passKeys))
        let same = passes.counts == whole.counts  // not in the expectation, which would print both
        #expect(same, "\(passKeys) keys per pass, options \(options)")
        #expect(passes.lookup.featureHasMark == whole.lookup.featureHasMark)
      }
      let hashed = FeatureCounter.count(examples, labels: labels, options: options, jobs: jobs, method: .hashing)
      let equal = whole.counts == hashed.counts
      #expect(equal, "options \(options)")
    }
  }

  @Test func longerNgramsFallBackToHashing() {
    let examples = Self.corpus(seed: 9, count: 20)
    let labels = NaiveBayesModel.sortedLabels(examples)
    let options = TrainingOptions(variant: .multinomial, features: FeatureOptions(ngramRange: 1...3))
    let corpus = TokenizedCorpus(examples, labels: labels, tokenizer: Tokenizer(options: options.features), jobs: 1)
    #expect(SortedCounting.count(corpus, labels: labels, options: options, jobs: 1) == nil)
  }

  @Test func emptyCorpusGivesEmptyCounts() throws {
    let examples = [TrainingExample(text: "", label: "a"), TrainingExample(text: "  ", label: "b")]
    let corpus = TokenizedCorpus(examples, labels: ["a", "b"], tokenizer: Tokenizer(), jobs: 1)
    let sorted = try #require(SortedCounting.count(corpus, labels: ["a", "b"], options: TrainingOptions(), jobs: 1))
    #expect(sorted.counts.vocabulary.isEmpty)
    #expect(sorted.counts.documentCounts == [1, 1])
  }

  /// `keys` sorted by `ByteOrder.sort` with room of its own.
  static func radixSorted<Key: FixedWidthInteger & UnsignedInteger>(_ keys: [Key], bits: Int) -> [Key] {
    var keys = keys
    var scratch = [Key](repeating: 0, count: keys.count)
    keys.withUnsafeMutableBufferPointer { keys in
      scratch.withUnsafeMutableBufferPointer { ByteOrder.sort(keys, scratch: $0, bits: bits) }
    }
    return keys
  }

  @Test(arguments: [1, 7, 11, 12, 23, 40, 64])
  func radixSortSortsLikeTheStandardLibrary(bits: Int) {
    var random = SplitMix64(seed: UInt64(bits))
    for count in [0, 1, 2, 31, 33, 100, 5000] {
      let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
      // Few distinct high parts, so equal digits and skipped passes both occur.
      let keys = (0..<count).map { _ in random.next() & mask & (random.next() % 3 == 0 ? 0xFFFF : .max) }
      let sorted = Self.radixSorted(keys, bits: bits)
      #expect(sorted == keys.sorted(), "\(count) keys of \(bits) bits")
      if bits <= 32 {
        let narrow = Self.radixSorted(keys.map { UInt32($0) }, bits: bits)
        #expect(narrow == keys.map { UInt32($0) }.sorted(), "\(count) 32-bit keys of \(bits) bits")
      }
    }
  }
}
