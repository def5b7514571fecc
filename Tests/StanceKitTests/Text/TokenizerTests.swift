import Testing
@testable import StanceKit

@Suite struct TokenizerTests {
  func tokens(_ text: String, _ configure: (inout FeatureOptions) -> Void = { _ in }) -> [String] {
    var options = FeatureOptions()
    configure(&options)
    return Tokenizer(options: options).tokens(in: text)
  }

  @Test func cliticsSplitAsInThePennTreebank() {
    #expect(tokens("Don't stop") == ["do", "n't", "stop"])
    #expect(tokens("do n't go") == ["do", "n't", "go"])
    #expect(tokens("don\u{2019}t") == ["do", "n't"])
    #expect(tokens("It's what I'm, we're, you've, they'll and he'd") == [
      "it", "'s", "what", "i", "'m", ",", "we", "'re", ",", "you", "'ve", ",", "they", "'ll", "and", "he", "'d",
    ])
    #expect(tokens("it 's") == ["it", "'s"])
    #expect(tokens("it \u{2019}s CAN'T") == ["it", "'s", "ca", "n't"])
  }

  @Test func otherApostrophesStayInsideWordsOrDrop() {
    #expect(tokens("O'Brien d'Artagnan") == ["o'brien", "d'artagnan"])
    #expect(tokens("the students' books") == ["the", "students", "books"])
    #expect(tokens("'the ring' of the '70s") == ["the", "ring", "of", "the", "70s"])
  }

  @Test func hyphensSplitWordsWithoutAMark() {
    #expect(tokens("a well-known fact") == ["a", "well", "known", "fact"])
    #expect(tokens("-- hello -world") == ["-", "-", "hello", "-", "world"])
  }

  @Test func numbersBecomePlaceholders() {
    #expect(tokens("It's 3.5 times, 1,000 people") == ["it", "'s", "<num>", "times", ",", "<num>", "people"])
    #expect(tokens("the 1990s and 7") == ["the", "1990s", "and", "<num>"])
  }

  @Test func urlsBecomePlaceholders() {
    #expect(tokens("Visit https://example.com/a?b=1 now") == ["visit", "<url>", "now"])
    #expect(tokens("see www.example.org, or HTTP://X.Y") == ["see", "<url>", "or", "<url>"])
  }

  @Test func unicodeLettersAreCaseFolded() {
    #expect(tokens("Ça CRÉE Straße NAÏVE") == ["ça", "crée", "straße", "naïve"])
    #expect(tokens("ΑΘΗΝΑ und Köln") == ["αθηνα", "und", "köln"])
    #expect(tokens("東京 tower") == ["東京", "tower"])
  }

  @Test func punctuationMarksAreTokensAndOneLetterWordsStay() {
    #expect(tokens("I love it!") == ["i", "love", "it", "!"])
    #expect(tokens("a b c") == ["a", "b", "c"])
    #expect(tokens("") == [])
    #expect(tokens("   \n\t ") == [])
  }

  @Test func negationScopeRunsToPunctuation() {
    let marked = tokens("I did not like this movie, but it was fine.") { $0.negation = true }
    #expect(
      marked == ["i", "did", "not", "NOT_like", "NOT_this", "NOT_movie", ",", "but", "it", "was", "fine", "."])
    #expect(tokens("it isn't good; great") { $0.negation = true } == ["it", "is", "n't", "NOT_good", ";", "great"])
    #expect(tokens("never again") { $0.negation = true } == ["never", "NOT_again"])
    #expect(tokens("not good") == ["not", "good"])
  }

  @Test func stopWordsDropFunctionWordsButKeepNegators() {
    #expect(tokens("the cat is not on the mat") { $0.stopWords = true } == ["cat", "not", "mat"])
    #expect(tokens("they don't care") { $0.stopWords = true } == ["n't", "care"])
    #expect(tokens("it's what we're fighting") { $0.stopWords = true } == ["fighting"])
  }

  @Test func marksAreOneASCIIPunctuationByteNotOneLetterWords() {
    func isMark(_ token: String) -> Bool {
      Array(token.utf8).withUnsafeBufferPointer { Tokenizer.isMark($0) }
    }
    #expect(isMark("!") && isMark(",") && isMark("-"))
    #expect(!isMark("a") && !isMark("i") && !isMark("é") && !isMark("'s"))
    #expect(Tokenizer.containsMark(ngram: "good !") && Tokenizer.containsMark(ngram: ", i"))
    #expect(!Tokenizer.containsMark(ngram: "a good") && !Tokenizer.containsMark(ngram: "i"))
  }

  @Test func overlongTokensAreCutOnScalarBoundaries() {
    #expect(tokens(String(repeating: "a", count: 1000) + " end") == [String(repeating: "a", count: 256), "end"])
    #expect(tokens(String(repeating: "é", count: 200)) == [String(repeating: "é", count: 128)])
    #expect(tokens("x" + String(repeating: "é", count: 200)) == ["x" + String(repeating: "é", count: 127)])
    let negated = tokens("not " + String(repeating: "b", count: 300)) { $0.negation = true }
    #expect(negated == ["not", "NOT_" + String(repeating: "b", count: 256)])
  }

  @Test func ngramsJoinTokensWithASpace() {
    var options = FeatureOptions()
    options.ngramRange = 1...2
    #expect(
      Tokenizer(options: options).features(in: "good movie ever")
        == ["good", "movie", "ever", "good movie", "movie ever"])
    options.ngramRange = 2...3
    #expect(
      Tokenizer(options: options).features(in: "good movie ever")
        == ["good movie", "movie ever", "good movie ever"])
    options.ngramRange = 3...3
    #expect(Tokenizer(options: options).features(in: "too short") == [])
  }

  @Test func optionsAreValidated() {
    #expect(FeatureOptions().problem == nil)
    #expect(FeatureOptions(ngramRange: 0...1).problem != nil)
    #expect(FeatureOptions(ngramRange: 1...5).problem != nil)
    #expect(FeatureOptions(ngramRange: 1...1, minCount: 0).problem != nil)
  }
}

@Suite struct TokenizerRobustnessTests {
  /// Random scalars (controls, combining marks, emoji, punctuation) never crash, and tokens are clean.
  @Test func randomTextGivesWellFormedTokens() {
    var random = SeededRandom(state: 3)
    let scalars: [Unicode.Scalar] = ["a", "Z", "9", "'", "-", ".", "!", " ", "\n", "\u{301}", "\u{2019}", "é", "ß", "İ", "東", "😀", "\u{0}", "\u{7F}", "\u{A0}", "\u{2026}", "h", "t", "p", ":", "/", "w"]
    var options = FeatureOptions(ngramRange: 1...3, negation: true, stopWords: true)
    options.binary = true
    let tokenizer = Tokenizer(options: options)
    for _ in 0..<500 {
      var text = ""
      for _ in 0..<Int(random.next() % 60) {
        text.unicodeScalars.append(scalars[Int(random.next() % UInt64(scalars.count))])
      }
      for token in tokenizer.tokens(in: text) {
        #expect(!token.isEmpty && !token.contains(" "))
        #expect(token.utf8.count <= 4 + TokenBuffer.maximumBytes)
      }
      _ = tokenizer.features(in: text)
    }
  }
}
