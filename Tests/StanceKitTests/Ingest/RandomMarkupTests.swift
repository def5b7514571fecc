import Testing
@testable import StanceKit

/// Seeded random tag soup: nothing may crash, and the same bytes give the same article.
@Suite struct RandomMarkupTests {
  static let pieces = [
    "<div>", "</div>", "<p>", "</p>", "<a href=x>", "</a>", "<nav>", "</nav>", "<table><tr><td>",
    "</td></tr></table>", "<br>", "<br><br>", "<!--", "-->", "<script>", "</script>", "<h2>", "</h2>",
    "<li>", "<ul>", "</ul>", "&amp;", "&#x1F600;", "&bogus;", "<![CDATA[", "]]>", "<b>", "</i>",
    "<div class=\"share comment article-body\">", "<p style=\"display:none\">", "<figure><figcaption>",
    "<span itemprop=\"articleBody\">", "\u{00A0}", "\u{4E2D}\u{6587}", "<", ">", "\"", "'", "\n\n",
    "By Jane Roe", "JOHN DOE/AFP/Getty Images", "More from Elsewhere",
    "A sentence of ordinary words that could belong to an article about foreign policy.",
    "Another, longer sentence, with commas, so that some blocks look like real prose to the scorer.",
  ]

  @Test func randomSoupNeverCrashesAndIsDeterministic() throws {
    var generator = SplitMix(seed: 2024)
    for _ in 0..<300 {
      var html = generator.next() % 2 == 0 ? "<html><body>" : ""
      for _ in 0..<Int(generator.next() % 200) {
        html += Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))]
      }
      let bytes = Array(html.utf8)
      let first = try? Ingester.ingest(bytes: bytes, source: "r.html")
      let second = try? Ingester.ingest(bytes: bytes, source: "r.html")
      #expect(first == second)
      if let first {
        #expect(first.passages.map(\.index) == Array(0..<first.passages.count))
        #expect(first.passages.allSatisfy { !$0.text.isEmpty && $0.text == PassageSplitter.normalizeWhitespace($0.text) })
      }
    }
  }

  @Test func randomBytesNeverCrash() {
    var generator = SplitMix(seed: 99)
    for length in [1, 2, 3, 10, 100, 1000, 5000] {
      for _ in 0..<20 {
        var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        if generator.next() % 3 == 0 { bytes = GzipFixtures.header + bytes }
        _ = try? Ingester.ingest(bytes: bytes, source: "junk")
        _ = try? Ingester.ingest(bytes: bytes, source: "junk.txt")
      }
    }
  }
}
