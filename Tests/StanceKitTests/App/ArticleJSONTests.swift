import Foundation
import Testing

@testable import StanceKit

/// The hand-built JSON line of a classified article must be the generic encoder's, byte for byte.
@Suite struct ArticleJSONTests {
  /// Texts with everything the encoder escapes or might: quotes, backslashes, every control
  /// character, slashes, DEL, line and paragraph separators, a byte-order mark, combining marks
  /// and astral scalars.
  static let texts: [String] = [
    "Bring the troops home.", #"He said "leave", then \ and / again."#, "",
    String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "end",
    "del \u{7F} nel \u{85} nbsp \u{A0} ls \u{2028} ps \u{2029} bom \u{FEFF}",
    "Cafe\u{301} na\u{EF}ve \u{1F600} \u{4E2D}\u{6587} \u{5D0}\u{5D1}",
  ]

  static func passage(_ index: Int, _ text: String, heading: Bool = false, labels: [String], values: [Double]) -> ClassifiedPassage {
    ClassifiedPassage(
      index: index, heading: heading, text: text, label: labels[index % labels.count],
      probabilities: Dictionary(uniqueKeysWithValues: zip(labels, values)))
  }

  static func line(_ article: ClassifiedArticle) throws -> String { String(decoding: try article.jsonLine(), as: UTF8.self) }
  static func encoded(_ article: ClassifiedArticle) throws -> String { try JSONText.encode(article, pretty: false) + "\n" }

  @Test func matchesTheEncoderForStanceVoteTitlesAndAwkwardText() throws {
    let labels = ["engagement", "neutral", "restraint"]
    let values: [[Double]] = [[0.25, 0.5, 0.25], [1, 0, -0.0], [1e-310, 0.30000000000000004, 0.9999999999999999], [2.5e-05, 1e-07, 1e16]]
    for (t, text) in Self.texts.enumerated() {
      let passages = (0..<4).map { Self.passage($0, $0 == 1 ? text : "p\($0) " + text, heading: $0 == 0, labels: labels, values: values[($0 + t) % 4]) }
      let stance = ArticleStance(
        label: "unclear", score: -0.125 * Double(t), margin: 1, arguing: 3,
        deciding: [PassageEvidence(index: 2, label: "restraint", logOdds: 1e-300), PassageEvidence(index: 3, label: "engagement", logOdds: -12.5)])
      let vote = ArticleDecision(label: "neutral", probabilities: Dictionary(uniqueKeysWithValues: zip(labels, values[t % 4])), passages: 4)
      for (title, stance, vote) in [(text, stance, nil), (nil, nil, vote), (nil, stance, vote), ("T/\"", nil, nil)] as [(String?, ArticleStance?, ArticleDecision?)] {
        let article = ClassifiedArticle(source: "dir/page \(t).html", title: title, label: "unclear", stance: stance, vote: vote, passages: passages)
        #expect(try Self.line(article) == Self.encoded(article), "text \(t), title \(title ?? "nil")")
      }
    }
    let empty = ClassifiedArticle(source: "-", title: nil, label: "no-argument", stance: nil, vote: nil, passages: [])
    #expect(try Self.line(empty) == Self.encoded(empty))
  }

  @Test func keysSortByTheirBytesAsTheEncoderSortsThem() throws {
    // Neither `String`'s order ("a" with a combining ring is "å", after "b") nor UTF-16's (an
    // astral scalar before U+FF01): the encoder's is by UTF-8 bytes.
    let labels = ["a\u{30A}", "b", "Zed", "\u{1F600}", "\u{FF01}", "e\u{301}x", "\u{E9}", "z"]
    let article = ClassifiedArticle(
      source: "x", title: nil, label: "b", stance: nil, vote: nil,
      passages: [Self.passage(0, "text", labels: labels, values: labels.indices.map { Double($0) / 8 })])
    #expect(try Self.line(article) == Self.encoded(article))
    let expected = "{\"Zed\":0.25,\"a\u{30A}\":0,\"b\":0.125,\"e\u{301}x\":0.625,\"z\":0.875,\"\u{E9}\":0.75,\"\u{FF01}\":0.5,\"\u{1F600}\":0.375}"
    #expect(try Self.line(article).contains(expected))
  }

  @Test func aNumberJSONCannotHoldFailsAsTheEncoderDoes() {
    let article = ClassifiedArticle(
      source: "x", title: nil, label: "restraint", stance: nil, vote: nil,
      passages: [Self.passage(0, "text", labels: ["engagement", "restraint"], values: [.nan, 1])])
    #expect(throws: EncodingError.self) { try article.jsonLine() }
  }
}
