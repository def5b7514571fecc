import Testing

@testable import StanceKit

/// Scoring finds a text's weight rows through hot tokens, the token table, n-gram slot tags
/// (loaded models) or the n-gram id map (models sharing a lookup); every path must find the rows
/// the n-gram strings name.
@Suite struct LookupPathTests {
  /// More distinct words than `HotTokens` holds, frequent ones short, some longer than eight
  /// bytes; a few marks.
  static func texts(seed: UInt64, count: Int, words: Int = 300) -> [String] {
    var random = SeededRandom(state: seed)
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    return (0..<count).map { _ in
      (0..<words).map { _ -> String in
        if random.next() % 25 == 0 { return "." }
        // Zipf-like: small numbers often, large ones rarely; a word's spelling follows its number.
        let rank = Int(random.next() % (1 << (4 + random.next() % 14)))
        var number = rank
        var word = ""
        repeat {
          word.append(letters[number % 26])
          number /= 26
        } while number > 0
        return rank % 7 == 0 ? word + "xxxxxxxxx" : word
      }.joined(separator: " ")
    }
  }

  /// The rows and counts scoring must give for `text`, from the n-gram strings.
  static func expected(_ model: NaiveBayesModel, _ text: String) -> [(row: Int, count: Double)] {
    let scorer = model.scorer
    var rowOfNGram: [String: Int] = [:]
    for (row, feature) in scorer.rowFeature.enumerated() {
      rowOfNGram[String(decoding: model.counts.vocabulary.utf8(Int(feature)), as: UTF8.self)] = row
    }
    var rows: [Int] = []
    var counts: [Int: Double] = [:]
    for ngram in model.tokenizer.features(in: text) {
      guard let row = rowOfNGram[ngram] else { continue }
      if counts[row] == nil { rows.append(row) }
      counts[row, default: 0] += 1
    }
    let counting = PassageCounting(options: model.options)
    return rows.map { ($0, counting.count(counts[$0]!, holdingMark: scorer.rowHasMark[$0])) }
  }

  @Test(arguments: [(1...1, 1), (1...2, 1), (1...3, 2), (2...2, 1)])
  func everyPathFindsTheRowsTheStringsName(ngrams: ClosedRange<Int>, minCount: Int) throws {
    let texts = Self.texts(seed: 11, count: 240)
    let examples = texts.enumerated().map { TrainingExample(text: $1, label: Fixtures.labels[$0 % 3]) }
    let options = Fixtures.options(.multinomial, ngrams: ngrams, binary: false, minCount: minCount)
    let trained = try NaiveBayesModel(training: examples, options: options)
    let loaded = try NaiveBayesModel(serialized: trained.serialized())
    if ngrams.lowerBound == 1 { #expect(trained.counts.vocabulary.count > HotTokens.capacity) }
    for text in Self.texts(seed: 12, count: 6) + texts.prefix(3) {
      for model in [trained, loaded] {
        let found = model.score(text).features
        let expected = Self.expected(model, text)
        #expect(found.map(\.row) == expected.map(\.row))
        #expect(found.map(\.count) == expected.map(\.count))
      }
    }
  }
}
