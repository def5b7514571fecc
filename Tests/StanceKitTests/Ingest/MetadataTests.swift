import Testing
@testable import StanceKit

@Suite struct MetadataTests {
  @Test func openGraphAndMetaTags() throws {
    let article = try Ingester.ingest(bytes: Array(PageFixtures.semantic.utf8), source: "s.html")
    #expect(article.title == PageFixtures.title)
    #expect(article.authors == ["Jane Roe"])
    #expect(article.date == "2024-03-05T08:00:00Z")
    #expect(article.siteName == PageFixtures.site)
    #expect(article.language == "en-GB")
    #expect(article.url == "https://ledger.example/opinion/presence")
    #expect(article.isOpinion)
  }

  @Test func jsonLD() throws {
    let article = try Ingester.ingest(bytes: Array(PageFixtures.divSoup.utf8), source: "d.html")
    #expect(article.title == PageFixtures.title)
    #expect(article.authors == ["Jane Roe", "Sam Poe"])
    #expect(article.date == "2024-03-05")
    #expect(article.siteName == PageFixtures.site)
    #expect(article.language == "en")
    #expect(article.url == "https://ledger.example/p/1")
    #expect(article.isOpinion)
  }

  @Test func bylinePrefixIsStrippedFromAuthors() {
    var raw = RawMetadata()
    raw.metas = [("author", "By Jane Roe"), ("article:author", "https://example.org/jane")]
    raw.jsonLD = [#"{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Roe"}}"#]
    #expect(Metadata.read(raw).authors == ["Jane Roe"])
  }

  @Test func garbageJSONLDIsIgnored() {
    var raw = RawMetadata()
    raw.jsonLD = ["{not json", "<!-- {\"@type\": \"NewsArticle\", \"headline\": \"Wrapped\"} -->", "[1, 2, {\"@graph\": [{\"@type\": \"BlogPosting\", \"author\": \"A. Writer\"}]}];"]
    let meta = Metadata.read(raw)
    #expect(meta.title == "Wrapped")
    #expect(meta.authors == ["A. Writer"])
    #expect(!meta.isOpinion)
  }

  @Test func opinionSections() {
    for yes in ["Opinion", "Op-Ed", "Commentary", "Opinions", "World Opinion", "Editorials"] {
      #expect(Metadata.isOpinionSection(yes), "\(yes)")
    }
    for no in ["World", "Business", "Politics", "Opinion polls show a tight race"] {
      #expect(!Metadata.isOpinionSection(no), "\(no)")
    }
  }

  @Test func opinionURLPaths() {
    #expect(Metadata.hasOpinionPath("https://news.example/opinion/2024/03/why-we-stay"))
    #expect(Metadata.hasOpinionPath("https://news.example/world/op-ed/why"))
    #expect(!Metadata.hasOpinionPath("https://opinion.example/world/story"))
    #expect(!Metadata.hasOpinionPath("https://news.example/world/opinion-polls-tighten"))
    #expect(!Metadata.hasOpinionPath("https://news.example/world/story?section=opinion"))
  }

  @Test func newsPageIsNotOpinion() throws {
    let html = """
      <html lang="fr"><head><meta property="og:title" content="Les marchés"><meta property="article:section" content="Economy">
      <meta name="author" content="https://example.org/profile/x"></head><body><p>\(PageFixtures.paragraphs[0])</p></body></html>
      """
    let article = try Ingester.ingest(bytes: Array(html.utf8), source: "n.html")
    #expect(!article.isOpinion)
    #expect(article.authors.isEmpty)
    #expect(article.language == "fr")
    #expect(article.title == "Les marchés")
  }

  @Test func jsonShapeHasEveryKey() throws {
    let article = Article(source: "x")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = String(decoding: try encoder.encode(article), as: UTF8.self)
    #expect(json == #"{"authors":[],"date":null,"isOpinion":false,"language":null,"passages":[],"siteName":null,"source":"x","title":null,"url":null}"#)
  }
}

import Foundation
