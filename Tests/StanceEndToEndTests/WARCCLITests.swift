import Foundation
import Testing

/// Crawls through the binary: a WARC gzipped per record (by gzip itself) gives one article per
/// HTML response, named by its URI, the same through ingest, classify and explain.
@Suite struct WARCCLITests {
  static func record(_ type: String, uri: String, block: String) -> String {
    "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\nContent-Length: \(block.utf8.count)\r\n\r\n\(block)\r\n\r\n"
  }

  static func response(_ uri: String, _ paragraphs: [String]) -> String {
    let body = "<html><head><title>T</title></head><body><article>" + paragraphs.map { "<p>\($0)</p>" }.joined() + "</article></body></html>"
    return record("response", uri: uri, block: "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body)
  }

  static let restraint = [
    "Washington should bring the troops home from the region this year and let the local powers balance one another.",
    "Every year we stay, the bill grows and the mission drifts further from anything that keeps Americans safe.",
  ]
  static let engagement = [
    "Pulling our forces out now would be a grave mistake that hands our rivals the region for a generation.",
    "Allies need to see that America keeps its word, and that means staying, training and standing with them.",
  ]

  /// Writes a crawl of two pages and a request record, each record its own gzip member.
  static func crawl(in dir: URL) throws -> String {
    let records = [
      record("warcinfo", uri: "", block: "software: tests\r\n"),
      record("request", uri: "http://x.example/a", block: "GET /a HTTP/1.1\r\n\r\n"),
      response("http://x.example/a", restraint),
      response("http://x.example/b", engagement),
      response("http://x.example/gallery", []),
    ]
    var warc = Data()
    for (i, text) in records.enumerated() {
      let part = dir.appendingPathComponent("r\(i)")
      try Data(text.utf8).write(to: part)
      #expect(try runTool(["gzip", "-9", "-n", part.path]) == 0)
      warc += try Data(contentsOf: URL(fileURLWithPath: part.path + ".gz"))
    }
    let path = dir.appendingPathComponent("crawl.warc.gz").path
    try warc.write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func aCrawlIsIngestedClassifiedAndExplainedPageByPage() throws {
    let dir = try EvalFixture.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try Self.crawl(in: dir)

    let ingest = try runStance(["ingest", "--format", "jsonl", path])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let articles = ingest.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(articles.map { $0["source"] as? String } == ["http://x.example/a", "http://x.example/b", "http://x.example/gallery"])
    #expect(articles.map { $0["url"] as? String } == ["http://x.example/a", "http://x.example/b", "http://x.example/gallery"])
    #expect(ingest.stderr.contains("stance ingest: \(path): 3 pages; skipped 1 request, 1 warcinfo"), "\(ingest.stderr)")

    let classify = try runStance(["classify", "--format", "jsonl", path])
    #expect(classify.status == 0, "\(classify.stderr)")
    let labels = classify.stdout.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["label"] as? String
    }
    #expect(labels == ["restraint", "engagement"])
    // A crawl page without text (a gallery, a menu) is counted, not a failure.
    #expect(classify.stderr.contains("stance classify: 1 web page had no text passages and was not classified"), "\(classify.stderr)")

    // Standard input needs --input warc (a crawl is not sniffed there); the output is the same.
    let piped = try runStance(["classify", "--format", "jsonl", "--input", "warc", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(piped.stdout == classify.stdout, "\(piped.stderr)")

    let explain = try runStance(["explain", "--top", "2", path])
    #expect(explain.status == 0)
    #expect(explain.stdout.contains("http://x.example/a: passage 0: ") && explain.stdout.contains("http://x.example/b: passage 1: "))
  }

  @Test func aDamagedRecordIsReportedWithItsOffsetAndTheRestClassified() throws {
    let dir = try EvalFixture.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = Self.response("http://y.example/1", Self.restraint)
    let bad = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\n"
    let path = dir.appendingPathComponent("damaged.warc").path
    try Data((good + bad + good.replacingOccurrences(of: "y.example/1", with: "y.example/2")).utf8).write(to: URL(fileURLWithPath: path))
    let run = try runStance(["classify", "--format", "jsonl", path])
    #expect(run.status == 65)
    #expect(run.stderr.contains("stance classify: \(path): record at offset \(good.utf8.count): missing or bad Content-Length"), "\(run.stderr)")
    #expect(run.stdout.split(separator: "\n").count == 2)
  }
}
