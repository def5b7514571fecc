import Foundation
import Testing
@testable import StanceKit

/// The shared seeds, when the checkout has `../shared` beside it.
let sharedSeeds = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds").path

func seedPath(_ prefix: String) -> String? {
  guard let names = try? FileManager.default.contentsOfDirectory(atPath: sharedSeeds) else { return nil }
  return names.sorted().first { $0.hasPrefix(prefix) }.map { sharedSeeds + "/" + $0 }
}

@Suite struct TextIngestTests {
  @Test func firstLineIsTheTitle() {
    let (title, blocks) = TextIngest.extract("A Short Title\n\n\(PageFixtures.paragraphs[0])\n")
    #expect(title == "A Short Title")
    #expect(blocks.map(\.text) == [PageFixtures.paragraphs[0]])
  }

  @Test func firstLineThatIsASentenceIsNotATitle() {
    let text = "This line ends like a sentence.\n\n\(PageFixtures.paragraphs[0])\n"
    let (title, blocks) = TextIngest.extract(text)
    #expect(title == nil)
    #expect(blocks.count == 2)
  }

  @Test func wrappedLinesAreJoined() {
    let p = PageFixtures.paragraphs[1]
    let words = p.split(separator: " ")
    let wrapped = words[0..<12].joined(separator: " ") + "\n" + words[12...].joined(separator: " ")
    let (_, blocks) = TextIngest.extract("Title\n\n\(wrapped)\n")
    #expect(blocks.map(\.text) == [p])
  }

  @Test func lineRules() {
    #expect(LineRules.isCredit("MASSIVE NAME/AFP/Getty Images"))
    #expect(LineRules.isCredit("Photo: Reuters"))
    #expect(!LineRules.isCredit("Reuters reported on Monday that the talks had collapsed after the envoy walked out of the room in protest."))
    #expect(LineRules.isSlug("Roe-Jane-policy-columnist20"))
    #expect(!LineRules.isSlug("well-known"))
    #expect(LineRules.isByline("By Jane Roe"))
    #expect(LineRules.isByline("By , a columnist at The Ledger and a professor of politics."))
    #expect(!LineRules.isByline("By contrast, the army never left the valley and its commanders kept asking for more."))
    #expect(LineRules.isByline("by Jane Roe on July 14, 2012"))
    #expect(LineRules.isByline("Posted by Jane Roe at 9:12 PM"))
    #expect(!LineRules.isByline("by contrast the army stayed"))
    #expect(!LineRules.isByline("Posted to the embassy in 2004, she saw the garrison grow every year."))
    #expect(LineRules.isBio("Jane Roe is a columnist at The Ledger. Twitter: @janeroe"))
    #expect(LineRules.isBio("Jane Roe is a senior fellow at the Institute for Strategy."))
    #expect(!LineRules.isBio("The problem is a columnist's dream: simple to state and impossible to solve without a war."))
    #expect(LineRules.isLabel("ADVERTISEMENT"))
    #expect(LineRules.isLabel("12 Comments"))
    #expect(LineRules.isLabel("[button link=\"/x\"]Send us your review[/button]"))
    #expect(!LineRules.isLabel("Comments on the draft were due by Friday."))
    #expect(LineRules.isLabel("Image 3 of 12"))
    #expect(!LineRules.isLabel("Chapter 3 of 12"))
    #expect(LineRules.isBio("Email the author at x@example.com or follow her on Instagram."))
    #expect(LineRules.isCredit("The road ahead is not easy.Jane Smith/Getty"))
    #expect(LineRules.isMoreFromMarker("More from The Ledger"))
    #expect(!LineRules.isMoreFromMarker("More from the ministry came later that week, when officials finally admitted the failure."))
  }

  @Test func moreFromBlockOfRealParagraphsIsKept() {
    // A marker followed by long paragraphs is not a list of other articles.
    let p = PageFixtures.paragraphs
    let text = "Title\n\n\(p[0])\n\nRelated\n\n\(p[1])\n\n\(p[2])\n\n\(p[3])\n"
    let (_, blocks) = TextIngest.extract(text)
    #expect(blocks.map(\.text) == [p[0], p[1], p[2], p[3]])
  }

  @Test(.enabled(if: seedPath("000_") != nil))
  func seed000KeepsOnlyTheColumn() throws {
    let path = try #require(seedPath("000_"))
    let raw = try String(contentsOfFile: path, encoding: .utf8)
    let article = try Ingester.ingest(fileAt: path)
    let joined = article.passages.map(\.text).joined(separator: "\n")
    // The column's own paragraphs: long lines before the author's bio.
    let lines = raw.split(separator: "\n").map(String.init)
    let bioIndex = try #require(lines.firstIndex { $0.contains("Twitter:") })
    let own = Set(lines[..<bioIndex].filter { $0.split(separator: " ").count > 40 && !$0.hasSuffix("...") })
    #expect(own.count >= 4)
    for paragraph in own {
      let normalized = paragraph.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      // A long paragraph may be split into passages; its text must appear exactly once.
      #expect(joined.components(separatedBy: String(normalized.prefix(80))).count == 2, "once: \(normalized.prefix(50))")
      let sentenceEnd = String(normalized.suffix(60))
      #expect(joined.components(separatedBy: sentenceEnd).count == 2)
    }
    for banned in ["Getty Images", "More from Foreign Policy", "Statue of Liberty", "By ,", "is a columnist at", "columnist20", "..."] {
      #expect(!joined.contains(banned), "leaked: \(banned)")
    }
    #expect(article.title == lines.first)
  }

  @Test(.enabled(if: seedPath("002_") != nil))
  func seed002KeepsHeadings() throws {
    let path = try #require(seedPath("002_"))
    let raw = try String(contentsOfFile: path, encoding: .utf8)
    let lines = raw.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    let article = try Ingester.ingest(fileAt: path)
    let headings = article.passages.filter(\.heading).map(\.text)
    let expected = lines.dropFirst().filter { $0.split(separator: " ").count <= 6 }
    #expect(!expected.isEmpty)
    #expect(headings == expected)
    let body = article.passages.filter { !$0.heading }.map(\.text).joined(separator: " ")
    for line in lines.dropFirst() where line.split(separator: " ").count > 6 {
      #expect(body.contains(String(line.prefix(60))))
    }
  }
}
