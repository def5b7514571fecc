import Testing
@testable import StanceKit

@Suite struct MainContentTests {
  /// `repeated`: paragraphs the page itself shows twice, which stay twice.
  func check(_ article: Article, template: String, headingKept: Bool = true, repeated: Set<Int> = []) {
    let texts = article.passages.map(\.text)
    let joined = texts.joined(separator: "\n")
    for (i, paragraph) in PageFixtures.paragraphs.enumerated() {
      let times = repeated.contains(i) ? 2 : 1
      #expect(texts.filter { $0 == paragraph }.count == times, "\(template): paragraph \(i) \(times)x")
    }
    let positions = PageFixtures.paragraphs.compactMap { p in texts.firstIndex(of: p) }
    #expect(positions == positions.sorted(), "\(template): reading order")
    for junk in PageFixtures.boilerplate {
      #expect(!joined.contains(junk), "\(template): leaked \"\(junk)\"")
    }
    #expect(!texts.contains(PageFixtures.teaser), "\(template): teaser")
    #expect(!joined.contains(PageFixtures.title), "\(template): headline is metadata, not body")
    if headingKept {
      #expect(article.passages.contains { $0.heading && $0.text == PageFixtures.heading }, "\(template): heading")
    }
    #expect(article.passages.map(\.index) == Array(0..<article.passages.count))
  }

  @Test func semanticTemplate() throws {
    let article = try Ingester.ingest(bytes: Array(PageFixtures.semantic.utf8), source: "semantic.html")
    check(article, template: "semantic")
  }

  @Test func divSoupTemplate() throws {
    let article = try Ingester.ingest(bytes: Array(PageFixtures.divSoup.utf8), source: "soup.html")
    check(article, template: "div soup", repeated: [1])
  }

  @Test func tableLayoutTemplate() throws {
    let article = try Ingester.ingest(bytes: Array(PageFixtures.tableLayout.utf8), source: "table.html")
    // A bold line in a table cell is not marked up as a heading; it may stay as a paragraph.
    check(article, template: "table", headingKept: false)
  }

  @Test func plainTextTemplate() throws {
    let article = try Ingester.ingest(bytes: Array(PageFixtures.plainText.utf8), source: "column.txt")
    check(article, template: "text")
    #expect(article.title == PageFixtures.title)
    #expect(article.passages.count == PageFixtures.paragraphs.count + 1)
  }

  @Test func hiddenElementsAreSkipped() throws {
    let p = PageFixtures.paragraphs
    let html = "<html><body><article><p>\(p[0])</p><p style=\"display: none\">Hidden promo text that nobody sees on the page but crawlers would read anyway.</p><p hidden>\(p[2])</p><p>\(p[1])</p></article></body></html>"
    let texts = try Ingester.ingest(bytes: Array(html.utf8), source: "h.html").passages.map(\.text)
    #expect(texts == [p[0], p[1]])
  }

  @Test func linkListsAreNotContent() throws {
    let p = PageFixtures.paragraphs
    let links = (1...12).map { "<li><a href=\"/\($0)\">Another story headline number \($0)</a></li>" }.joined()
    let html = "<html><body><div><ul>\(links)</ul></div><div><p>\(p[0])</p><p>\(p[1])</p></div><div><ul>\(links)</ul></div></body></html>"
    let texts = try Ingester.ingest(bytes: Array(html.utf8), source: "l.html").passages.map(\.text)
    #expect(texts == [p[0], p[1]])
  }

  @Test func jsonLDArticleBodyRescuesALinkHeavyParagraph() throws {
    let p = PageFixtures.paragraphs
    let linked = "Read the <a href=\"/r\">full report on the costs of the mission</a> and <a href=\"/a\">its annex</a>."
    let plain = "Read the full report on the costs of the mission and its annex."
    func page(_ ld: String) -> String {
      "<html><head>\(ld)</head><body><article><p>\(p[0])</p><p>\(linked)</p><p>\(p[1])</p><p>\(p[2])</p></article></body></html>"
    }
    let without = try Ingester.ingest(bytes: Array(page("").utf8), source: "a.html").passages.map(\.text)
    #expect(without == [p[0], p[1], p[2]])
    let ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"\(p[0]) \(plain) \(p[1]) \(p[2])\"}</script>"
    let with = try Ingester.ingest(bytes: Array(page(ld).utf8), source: "b.html").passages.map(\.text)
    #expect(with == [p[0], plain, p[1], p[2]])
  }

  @Test func itempropArticleBodyIsPreferred() throws {
    let p = PageFixtures.paragraphs
    let html = """
      <html><body><div class="promo-box"><p>\(p[3])</p><p>\(p[4])</p></div>
      <div itemprop="articleBody"><p>\(p[0])</p><p>\(p[1])</p></div></body></html>
      """
    let texts = try Ingester.ingest(bytes: Array(html.utf8), source: "i.html").passages.map(\.text)
    #expect(texts == [p[0], p[1]])
  }
}
