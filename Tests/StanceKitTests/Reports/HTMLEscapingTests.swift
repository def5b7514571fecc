import Testing

@testable import StanceKit

@Suite struct HTMLEscapingTests {
  @Test func escapesEveryMarkupCharacter() {
    #expect(HTMLEscaping.text("<a href='x'>\"&\"</a>") == "&lt;a href='x'&gt;\"&amp;\"&lt;/a&gt;")
    #expect(HTMLEscaping.attribute("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
    #expect(HTMLEscaping.text("]]> <!-- </style>") == "]]&gt; &lt;!-- &lt;/style&gt;")
  }

  @Test func replacesControlCharactersButKeepsWhitespaceAndUnicode() {
    #expect(HTMLEscaping.text("a\u{0}b\u{1B}c\u{7F}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
    #expect(HTMLEscaping.text("tab\tnew\nline\r") == "tab\tnew\nline\r")
    #expect(HTMLEscaping.attribute("Kyiv — Київ 🇺🇦") == "Kyiv — Київ 🇺🇦")
  }

  /// Random strings over the dangerous alphabet round-trip through text and both attribute quotes.
  @Test func randomStringsRoundTripAndNeverOpenMarkup() {
    let alphabet = Array("<>&\"'=/ !-[]ab;#x").map(String.init)
    var random = SplitMix64(seed: 42)
    for _ in 0..<500 {
      let length = Int(random.next() % 24)
      let input = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
      for page in [
        "<p>\(HTMLEscaping.text(input))</p>",
        "<p title=\"\(HTMLEscaping.attribute(input))\"></p>",
        "<p title='\(HTMLEscaping.attribute(input))'></p>",
      ] {
        let scanner = MarkupScanner(page)
        #expect(scanner.problems.isEmpty, "\(input)")
        #expect(scanner.tags.map(\.name) == ["p", "p"], "\(input)")
        #expect(scanner.tags[0].attributes.count <= 1, "\(input)")
        let recovered = scanner.tags[0].attribute("title") ?? scanner.text
        #expect(recovered == input, "\(input)")
      }
    }
  }
}
