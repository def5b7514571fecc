import Testing
@testable import StanceKit

@Suite struct PassageSplitterTests {
  @Test func shortParagraphsStayWhole() {
    let passages = PassageSplitter.passages(from: [
      ContentBlock(text: "  A heading  ", heading: true),
      ContentBlock(text: "One   short\u{00A0}paragraph\n with odd   spacing.", heading: false),
    ])
    #expect(passages == [
      Passage(index: 0, text: "A heading", heading: true),
      Passage(index: 1, text: "One short paragraph with odd spacing.", heading: false),
    ])
  }

  @Test func longParagraphsSplitAtSentenceEnds() {
    let sentence = "The envoy said the talks would resume after the holiday, but nobody in the room believed him at all."
    let text = Array(repeating: sentence, count: 14).joined(separator: " ")  // 20 words x 14 = 280
    let passages = PassageSplitter.passages(from: [ContentBlock(text: text, heading: false)])
    #expect(passages.count == 3)
    for p in passages {
      #expect(p.text.hasSuffix("at all."))
      #expect(p.text.split(separator: " ").count <= 140)
    }
    #expect(passages.map(\.text).joined(separator: " ") == text)
  }

  @Test func abbreviationsAndInitialsDoNotEndSentences() {
    let words = PassageSplitter.sentenceSplit(
      "Mr. Smith met Gen. Jones and John F. Kennedy in the U.S. Capitol. Then they left.".split(separator: " "))
    #expect(words.count == 2)
  }

  @Test func aParagraphWithoutSentenceEndsIsNotSplit() {
    let text = Array(repeating: "word", count: 300).joined(separator: " ")
    #expect(PassageSplitter.split(text) == [text])
  }
}
