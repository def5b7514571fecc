import Foundation
import Testing
@testable import StanceKit

/// WARC files written here, record by record, read back as pages.
enum WARCFixture {
  /// One WARC record: version line, headers, block, and the two CRLFs that end it.
  static func record(_ type: String, uri: String? = nil, block: [UInt8], version: String = "1.1", length: Int? = nil) -> [UInt8] {
    var head = "WARC/\(version)\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <urn:uuid:\(UUID().uuidString)>\r\n"
    if let uri { head += "WARC-Target-URI: \(uri)\r\n" }
    head += "Content-Length: \(length.map(String.init) ?? String(block.count))\r\n\r\n"
    return Array(head.utf8) + block + Array("\r\n\r\n".utf8)
  }

  /// An HTTP response message as a WARC `response` block.
  static func http(_ status: Int = 200, type: String = "text/html", body: [UInt8], extra: String = "") -> [UInt8] {
    Array("HTTP/1.1 \(status) X\r\nContent-Type: \(type)\r\n\(extra)Content-Length: \(body.count)\r\n\r\n".utf8) + body
  }

  static func page(_ n: Int) -> [UInt8] {
    let first = "The alliance should keep its forces in the region for years, says page \(n), because leaving now would invite the very war it was built to deter."
    let second = "Partners who watched the last withdrawal still ask whether promises made in this capital survive the next election, and page \(n) says they are right to."
    return Array("<html><head><title>Page \(n)</title></head><body><article><h1>Page \(n)</h1><p>\(first)</p><p>\(second)</p></article></body></html>".utf8)
  }

  /// Every kind of record, two of them HTML pages.
  static func mixed() -> [[UInt8]] {
    [
      record("warcinfo", block: Array("software: test\r\n".utf8)),
      record("request", uri: "http://a.example/1", block: Array("GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n".utf8)),
      record("response", uri: "http://a.example/1", block: http(body: page(1))),
      record("metadata", uri: "http://a.example/1", block: Array("fetchTimeMs: 12\r\n".utf8)),
      record("response", uri: "http://a.example/doc.pdf", block: http(type: "application/pdf", body: Array("%PDF-1.4".utf8))),
      record("response", uri: "http://a.example/gone", block: http(404, body: Array("<html>gone</html>".utf8))),
      record("response", uri: "http://a.example/moved", block: http(301, body: [])),
      record("revisit", uri: "http://a.example/1", block: []),
      record("response", uri: "http://a.example/2", block: http(type: "text/html; charset=utf-8", body: page(2)), version: "1.0"),
    ]
  }

  static func write(_ bytes: [UInt8], _ name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("warc-\(UUID().uuidString)-\(name)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Every page and every error, in order.
  static func readAll(_ path: String, maxBytes: Int = 32 << 20) throws -> (pages: [WARCPage], errors: [WARCError], reader: WARCReader) {
    let reader = try WARCReader(path: path, maxBytes: maxBytes)
    var pages: [WARCPage] = []
    var errors: [WARCError] = []
    while true {
      do {
        guard let page = try reader.next() else { break }
        pages.append(page)
      } catch let error as WARCError {
        errors.append(error)
      }
    }
    return (pages, errors, reader)
  }
}

@Suite struct WARCTests {
  @Test func onlyHTMLResponsesArePagesAndTheRestAreCounted() throws {
    let path = try WARCFixture.write(WARCFixture.mixed().flatMap { $0 }, "mixed.warc")
    defer { unlink(path) }
    let (pages, errors, reader) = try WARCFixture.readAll(path)
    #expect(errors.isEmpty)
    #expect(pages.map(\.uri) == ["http://a.example/1", "http://a.example/2"])
    #expect(pages[1].charset == "utf-8")
    #expect(reader.skipped == [
      "warcinfo": 1, "request": 1, "metadata": 1, "revisit": 1, "response not HTML": 1, "response 4xx": 1, "response 3xx": 1,
    ])
    let article = try ArticleReader(inputs: Inputs()).article(pages[0])
    #expect(article.source == "http://a.example/1" && article.url == "http://a.example/1")
    #expect(article.passages.count == 2 && article.passages[0].text.contains("page 1"))
  }

  @Test func gzipMembersPerRecordReadTheSameAndReportMemberOffsets() throws {
    let records = WARCFixture.mixed()
    let members = records.map { GzipFixtures.gzip($0) }
    let path = try WARCFixture.write(members.flatMap { $0 }, "mixed.warc.gz")
    defer { unlink(path) }
    let (pages, errors, _) = try WARCFixture.readAll(path)
    #expect(errors.isEmpty)
    #expect(pages.map(\.uri) == ["http://a.example/1", "http://a.example/2"])
    #expect(pages.map(\.body) == [WARCFixture.page(1), WARCFixture.page(2)])
    // Offsets are where each record's gzip member starts, so a reader can seek straight to it.
    #expect(pages[0].offset == members[0..<2].map(\.count).reduce(0, +))
    #expect(pages[1].offset == members[0..<8].map(\.count).reduce(0, +))
  }

  @Test func aMalformedRecordIsReportedAndTheNextOneStillRead() throws {
    let good = WARCFixture.record("response", uri: "http://b.example/ok", block: WARCFixture.http(body: WARCFixture.page(3)))
    var bad = Array("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nrubbish\r\n\r\n".utf8)
    bad += Array("this line is not a record\r\n".utf8)
    let path = try WARCFixture.write(good + bad + good, "bad.warc")
    defer { unlink(path) }
    let (pages, errors, _) = try WARCFixture.readAll(path)
    #expect(pages.count == 2)
    #expect(errors.count == 1)
    #expect(errors.first?.offset == good.count)
    #expect(errors.first?.reason.contains("Content-Length") == true)
    #expect(CommandFailure(errors[0]).description == "\(path): record at offset \(good.count): \(errors[0].reason)")
  }

  @Test func aTruncatedRecordEndsTheFileWithItsOffset() throws {
    let good = WARCFixture.record("response", uri: "http://c.example/ok", block: WARCFixture.http(body: WARCFixture.page(4)))
    let cut = Array(good.prefix(good.count - 40))
    let path = try WARCFixture.write(good + cut, "cut.warc")
    defer { unlink(path) }
    let (pages, errors, _) = try WARCFixture.readAll(path)
    #expect(pages.count == 1)
    #expect(errors.count == 1 && errors[0].offset == good.count && errors[0].reason.contains("truncated"))
  }

  @Test func aTruncatedGzipMemberIsReported() throws {
    let members = WARCFixture.mixed().map { GzipFixtures.gzip($0) }
    let bytes = members[0..<3].flatMap { $0 } + Array(members[8].prefix(members[8].count / 2))
    let path = try WARCFixture.write(bytes, "cut.warc.gz")
    defer { unlink(path) }
    let (pages, errors, _) = try WARCFixture.readAll(path)
    #expect(pages.map(\.uri) == ["http://a.example/1"])
    #expect(errors.count == 1 && errors[0].reason.contains("gzip"), "\(errors)")
  }

  @Test func oversizedResponsesAreSkippedAndCounted() throws {
    let path = try WARCFixture.write(WARCFixture.mixed().flatMap { $0 }, "mixed.warc")
    defer { unlink(path) }
    let (pages, _, reader) = try WARCFixture.readAll(path, maxBytes: 200)
    #expect(pages.isEmpty)
    #expect(reader.skipped["response over --max-bytes"] == 2)
  }

  @Test func theHTTPCharsetAppliesWhenThePageNamesNone() throws {
    // "café" in Latin-1, not valid UTF-8: the header says what it is.
    let body = Array("<html><body><article><p>".utf8) + Array("The caf".utf8) + [0xE9]
      + Array(" debate over bases abroad went on for hours, and nobody left the room persuaded by anyone at all.</p></article></body></html>".utf8)
    let inKOI8 = Array("<html><head><meta charset=\"utf-8\"></head><body><article><p>Caf\u{E9} talk about troops abroad went on for hours and hours without anyone changing their mind at all.</p></article></body></html>".utf8)
    let records = [
      WARCFixture.record("response", uri: "http://d.example/latin", block: WARCFixture.http(type: "text/html; charset=ISO-8859-1", body: body)),
      WARCFixture.record("response", uri: "http://d.example/meta", block: WARCFixture.http(type: "text/html; charset=koi8-r", body: inKOI8)),
    ]
    let path = try WARCFixture.write(records.flatMap { $0 }, "charset.warc")
    defer { unlink(path) }
    let (pages, _, _) = try WARCFixture.readAll(path)
    #expect(pages.map(\.charset) == ["ISO-8859-1", "koi8-r"])
    let reader = ArticleReader(inputs: Inputs())
    #expect(try reader.article(pages[0]).passages.first?.text.contains("café") == true)
    // The page's own declaration wins over the header.
    #expect(try reader.article(pages[1]).passages.first?.text.contains("Café") == true)
  }

  @Test func chunkedBodiesAreJoined() throws {
    let page = WARCFixture.page(5)
    let half = page.count / 2
    var chunked: [UInt8] = Array("\(String(half, radix: 16))\r\n".utf8)
    chunked += page[..<half]
    chunked += Array("\r\n\(String(page.count - half, radix: 16));ext=1\r\n".utf8)
    chunked += page[half...]
    chunked += Array("\r\n0\r\n\r\n".utf8)
    let block = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n".utf8) + chunked
    let path = try WARCFixture.write(WARCFixture.record("response", uri: "http://e.example/", block: block), "chunked.warc")
    defer { unlink(path) }
    let (pages, errors, _) = try WARCFixture.readAll(path)
    #expect(errors.isEmpty)
    #expect(pages.first?.body == page)
  }
}
