import Foundation
import Testing

@testable import StanceKit

/// Hostile documents through `Ingester`: each gives an article or a clear `IngestError`, in time.
@Suite(.serialized) struct IngestHostileTests {
  static func ingest(
    _ bytes: [UInt8], source: String = "hostile.html", options: IngestOptions = .init(),
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> IngestOutcome {
    withinHangGuard(source, sourceLocation: sourceLocation) {
      do {
        return .article(try Ingester.ingest(bytes: bytes, source: source, options: options))
      } catch let error as IngestError {
        return .failed(error)
      } catch {
        Issue.record("unexpected error type \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return .failed(.unparsable(source: source))
      }
    }
  }

  static func html(body: String, head: String = "") -> [UInt8] {
    Array("<!DOCTYPE html><html><head><title>Hostile</title>\(head)</head><body>\(body)</body></html>".utf8)
  }

  /// All passage texts joined, for containment checks.
  static func text(_ outcome: IngestOutcome) -> String {
    outcome.article?.passages.map(\.text).joined(separator: "\n") ?? ""
  }

  @Test func emptyInputIsAnEmptyError() {
    #expect(Self.ingest([]).error == .empty(source: "hostile.html"))
    #expect(Self.ingest(Array(" \n\t\r\n".utf8), source: "blank.txt").error == .empty(source: "blank.txt"))
  }

  @Test(arguments: [UInt8(ascii: "a"), UInt8(ascii: "<"), 0x00, 0xFF, 0x1F, 0x8B, 0x80])
  func oneByteNeverCrashes(byte: UInt8) {
    for source in ["one.html", "one.txt", "one"] {
      let outcome = Self.ingest([byte], source: source)
      if let error = outcome.error { #expect(error.description.hasPrefix(source + ": ")) }
    }
  }

  @Test func oneTagRepeatedPastTheDefaultLimitIsRefused() {
    let bytes = Self.repeated("<p>", toBytes: 64 << 20)
    #expect(Self.ingest(bytes).error == .tooLarge(source: "hostile.html", limit: 32 << 20))
    #expect(Self.ingest(bytes).printed.contains("--max-bytes"))
  }

  @Test func oneTagRepeatedWithTheLimitRaisedFinishes() {
    let bytes = Self.repeated("<b>", toBytes: 64 << 20)
    let outcome = Self.ingest(bytes, options: IngestOptions(maxInputBytes: 128 << 20))
    // No text at all: either no passages or an error, but it must come back.
    #expect(Self.text(outcome).isEmpty)
  }

  static func repeated(_ unit: String, toBytes size: Int) -> [UInt8] {
    let unitBytes = Array(unit.utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    while bytes.count + unitBytes.count <= size { bytes.append(contentsOf: unitBytes) }
    return bytes
  }

  @Test func hundredThousandNestedElementsKeepTheirText() {
    let depth = 100_000
    let marker = "The innermost paragraph argues that the alliance should stay engaged."
    let body = String(repeating: "<div>", count: depth) + "<p>\(marker)</p>"
      + String(repeating: "</div>", count: depth)
    let outcome = Self.ingest(Self.html(body: body))
    // libxml2 may cap the depth and drop what lies below; then nothing else may appear instead.
    if let article = outcome.article {
      #expect(article.passages.allSatisfy { $0.text == marker || $0.text == "Hostile" })
    }
    let unclosed = Self.ingest(Array(String(repeating: "<div><span>", count: depth).utf8))
    #expect(Self.text(unclosed).isEmpty)
  }

  @Test func quarterMillionTinyParagraphsFinish() {
    // A hang guard needs headroom below its limit: a million paragraphs took 8.2-9.0 s of the
    // 10 s in a debug build alone, and 10.2 s in CI beside the other suites. A quarter of a
    // million (about 2 s) still exposes any pass that is superlinear in the paragraph count.
    let count = 250_000
    var body = ""
    body.reserveCapacity(count * 9)
    for _ in 0..<count { body += "<p>ab</p>" }
    let outcome = Self.ingest(Self.html(body: body))
    if let article = outcome.article {
      #expect(article.passages.allSatisfy { !$0.text.isEmpty })
      #expect(article.passages.enumerated().allSatisfy { $0.offset == $0.element.index })
    }
  }

  @Test func oneMebibyteWordIsKeptWhole() {
    let word = String(repeating: "x", count: 1 << 20)
    for (source, bytes) in [
      ("word.html", Self.html(body: "<p>Before the word. \(word) After the word.</p>")),
      ("word.txt", Array("Before the word. \(word) After the word.\n".utf8)),
    ] {
      let outcome = Self.ingest(bytes, source: source)
      let text = Self.text(outcome)
      // The word may be dropped as junk, but never cut or altered.
      let runs = text.split(whereSeparator: { $0 != "x" }).map(\.count).filter { $0 > 1 }
      #expect(runs.allSatisfy { $0 == 1 << 20 }, "\(source): word cut into \(runs.prefix(5))")
    }
  }

  @Test func invalidUTF8IsDecodedNotTrusted() {
    let invalid: [UInt8] = [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xF8, 0xA1, 0xA1, 0xA1, 0xA1, 0xED, 0xA0, 0x80, 0xC0, 0xAF]
    let start = Array("The valid start of a sentence that has enough words in it to count as prose, ".utf8)
    let end = Array(" and then the valid end of that same sentence.".utf8)
    for (source, bytes) in [
      ("bad.html", Array("<html><body><p>".utf8) + start + invalid + end + Array("</p></body></html>".utf8)),
      ("bad.txt", Array("Title\n\n".utf8) + start + invalid + end + [0x0A]),
    ] {
      let outcome = Self.ingest(bytes, source: source)
      let text = Self.text(outcome)
      #expect(text.contains("The valid start of a sentence"), "\(source): \(outcome.printed.prefix(300))")
      #expect(text.contains("the valid end of that same sentence."), "\(source)")
      // Whatever the invalid bytes became, the output is valid Unicode without NULs.
      #expect(String(validating: Array(text.utf8), as: UTF8.self) != nil)
      #expect(!text.utf8.contains(0))
    }
  }

  static func utf16(_ string: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
    var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
    for unit in string.utf16 {
      let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
      bytes += bigEndian ? [high, low] : [low, high]
    }
    return bytes
  }

  static let utf16Page = "<html><head><title>T</title></head><body><p>Über die Allianz: «restraint» — 東京 🙂 and more words here.</p></body></html>"

  @Test(arguments: [false, true])
  func utf16WithByteOrderMarkIsDecoded(bigEndian: Bool) {
    let outcome = Self.ingest(Self.utf16(Self.utf16Page, bigEndian: bigEndian, bom: true))
    #expect(Self.text(outcome).contains("Über die Allianz: «restraint» — 東京 🙂 and more words here."), "\(outcome.printed)")
  }

  @Test(arguments: [false, true])
  func utf16WithoutByteOrderMarkIsDecodedOrRefusedClearly(bigEndian: Bool) {
    let outcome = Self.ingest(Self.utf16(Self.utf16Page, bigEndian: bigEndian, bom: false))
    switch outcome {
    case .article:
      #expect(Self.text(outcome).contains("Über die Allianz"), "\(outcome.printed)")
    case .failed(let error):
      #expect(error.description.contains("UTF-16") || error.description.contains("NUL"), "\(error)")
    }
  }

  @Test func nulBytesAreRefusedAsBinary() {
    var bytes = Self.html(body: "<p>text</p>")
    bytes.insert(contentsOf: [0, 0, 0, 0], at: 20)
    guard case .binary(_, let kind)? = Self.ingest(bytes).error else {
      Issue.record("NUL bytes were accepted")
      return
    }
    #expect(kind.contains("NUL"))
    // NULs after the sniffed head must not leak into passages either.
    var late = Self.html(body: "<p>" + String(repeating: "word ", count: 1000) + "</p><p>after\u{0}nul</p>")
    late += [0]
    let outcome = Self.ingest(late, source: "late.html")
    #expect(!outcome.printed.contains("\u{0}") && !outcome.printed.contains("\\u0000"))
  }

  @Test func gzipBombStopsAtTheLimit() throws {
    // One gzip member of 1 MiB of markup, repeated: 256 MiB inflated from a few hundred KiB.
    let member = try gzip(Self.repeated("<p>a</p> ", toBytes: 1 << 20))
    let bomb = Array([[UInt8]](repeating: member, count: 256).joined())
    #expect(bomb.count < 1 << 20)
    let limit = 8 << 20
    let outcome = Self.ingest(bomb, source: "bomb.html.gz", options: IngestOptions(maxInputBytes: limit))
    #expect(outcome.error == .tooLarge(source: "bomb.html.gz", limit: limit))
  }

  @Test func pngNamedHTMLIsRefused() {
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + Array("IHDR<html><p>x</p>".utf8)
    #expect(Self.ingest(png, source: "picture.html").error == .binary(source: "picture.html", kind: "PNG image"))
  }
}

/// Regression: teaser lines ("… words...") were each compared with every other line, so 20,000
/// of them took minutes of CPU; `TeaserIndex` makes the check n log n.
@Suite struct TeaserHostileTests {
  static let count = 20_000

  @Test func manyTeaserLikeParagraphsFinish() {
    var html = "<html><body>"
    var text = "Title\n\n"
    for i in 0..<Self.count {
      let line = "Teaser number \(i) of very many teasers with lots of words..."
      html += "<p>\(line)</p>"
      text += line + "\n\n"
    }
    html += "</body></html>"
    for (source, bytes) in [("teasers.html", Array(html.utf8)), ("teasers.txt", Array(text.utf8))] {
      let outcome = IngestHostileTests.ingest(bytes, source: source)
      #expect(outcome.article?.passages.isEmpty == false, "\(source): \(outcome.printed.prefix(200))")
    }
  }

  @Test func teaserOfALaterParagraphIsStillDropped() {
    let full = "The alliance has kept the peace in Europe for seventy years and should be kept as it is, the author argues."
    let teaser = "The alliance has kept the peace in Europe for seventy years and..."
    let html = "<html><body><article><p>\(teaser)</p><p>\(full)</p><p>Another paragraph about something else entirely, with words.</p></article></body></html>"
    let text = "Title\n\n\(teaser)\n\n\(full)\n\nAnother paragraph about something else entirely, with words.\n"
    for (source, bytes) in [("teaser.html", Array(html.utf8)), ("teaser.txt", Array(text.utf8))] {
      let passages = IngestHostileTests.ingest(bytes, source: source).article?.passages.map(\.text) ?? []
      #expect(passages.contains(full), "\(source): \(passages)")
      #expect(!passages.contains(teaser), "\(source): \(passages)")
    }
  }
}
