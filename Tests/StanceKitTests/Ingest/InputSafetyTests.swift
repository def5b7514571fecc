import Foundation
import Testing
@testable import StanceKit

@Suite struct InputSafetyTests {
  let paragraph =
    "The alliance has held for seven decades because each member believes the others will come to its aid when it counts."

  var page: String { "<html><body><article><p>\(paragraph)</p><p>\(paragraph) Again.</p></article></body></html>" }

  @Test func gzipInputIsInflatedWhateverTheName() throws {
    let bytes = GzipFixtures.gzip(Array(page.utf8))
    for name in ["page.html.gz", "page.html", "no-extension", "-"] {
      let article = try Ingester.ingest(bytes: bytes, source: name)
      #expect(article.passages.first?.text == paragraph, "source \(name)")
    }
  }

  @Test func gzipOfPlainText() throws {
    let text = "A title line\n\n\(paragraph)\n\nAnother paragraph that also has enough words to be a paragraph on its own.\n"
    let article = try Ingester.ingest(bytes: GzipFixtures.gzip(Array(text.utf8)), source: "note.txt.gz")
    #expect(article.passages.map(\.text).contains(paragraph))
  }

  @Test func truncatedGzipIsAClearError() throws {
    let bytes = GzipFixtures.gzip(Array(page.utf8))
    #expect(throws: IngestError.badGzip(source: "x.gz", reason: "truncated stream")) {
      try Ingester.ingest(bytes: Array(bytes.prefix(bytes.count / 2)), source: "x.gz")
    }
  }

  @Test func gzipBombStopsAtTheLimit() throws {
    let bomb = GzipFixtures.bomb(inflatedSize: 64 << 20)
    #expect(bomb.count < 1 << 20)
    let options = IngestOptions(maxInputBytes: 8 << 20)
    #expect(throws: IngestError.tooLarge(source: "bomb.gz", limit: 8 << 20)) {
      try Ingester.ingest(bytes: bomb, source: "bomb.gz", options: options)
    }
  }

  @Test func overLimitInputIsRefused() throws {
    let options = IngestOptions(maxInputBytes: 100)
    #expect(throws: IngestError.tooLarge(source: "big.html", limit: 100)) {
      try Ingester.ingest(bytes: Array(page.utf8), source: "big.html", options: options)
    }
    let message = IngestError.tooLarge(source: "big.html", limit: 100).description
    #expect(message.hasPrefix("big.html: ") && message.contains("100 bytes"))
  }

  @Test func overLimitFileIsRefusedBeforeReading() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("stance-big-\(UUID()).html").path
    try Data(page.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: IngestError.tooLarge(source: path, limit: 50)) {
      try Ingester.ingest(fileAt: path, options: IngestOptions(maxInputBytes: 50))
    }
  }

  @Test func emptyAndBlankInputs() throws {
    #expect(throws: IngestError.empty(source: "e.html")) { try Ingester.ingest(bytes: [], source: "e.html") }
    #expect(throws: IngestError.empty(source: "b.txt")) {
      try Ingester.ingest(bytes: Array(" \n\t\n".utf8), source: "b.txt")
    }
  }

  @Test(arguments: [
    ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], "PNG image"),
    (Array("%PDF-1.7\n%\u{E2}\u{E3}".utf8), "PDF document"),
    ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "ZIP archive"),
    ([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], "ELF executable"),
  ] as [([UInt8], String)])
  func binaryMagicIsRefused(bytes: [UInt8], kind: String) throws {
    #expect(throws: IngestError.binary(source: "f", kind: kind)) { try Ingester.ingest(bytes: bytes, source: "f") }
  }

  @Test func binaryJunkIsRefused() throws {
    var generator = SplitMix(seed: 7)
    let junk = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    #expect(throws: IngestError.self) { try Ingester.ingest(bytes: junk, source: "junk.bin") }
    let withNUL = Array("<html><body><p>text".utf8) + [0, 0, 0] + Array("</p></body></html>".utf8)
    #expect(throws: IngestError.binary(source: "n.html", kind: "NUL bytes in text")) {
      try Ingester.ingest(bytes: withNUL, source: "n.html")
    }
  }

  @Test func malformedHTMLIsRecovered() throws {
    let html = "<html><body><div><p>\(paragraph)<p>\(paragraph) Second.<b><i>unclosed</div></span></table><p>Third paragraph with enough words to count as real content in the article body.</body>"
    let texts = try Ingester.ingest(bytes: Array(html.utf8), source: "m.html").passages.map(\.text)
    #expect(texts.contains(paragraph))
    #expect(texts.contains { $0.hasPrefix("Third paragraph") })
  }

  @Test func truncatedHTMLKeepsWhatArrived() throws {
    let html = "<!DOCTYPE html><html><head><title>T</title></head><body><article><p>\(paragraph)</p><p>\(paragraph) And then the file stops in the middle of a wo"
    let texts = try Ingester.ingest(bytes: Array(html.utf8), source: "t.html").passages.map(\.text)
    #expect(texts.first == paragraph)
    #expect(texts.last?.hasSuffix("middle of a wo") == true)
  }

  @Test func deeplyNestedDocumentDoesNotCrash() throws {
    let depth = 100_000
    var html = "<html><body>"
    html += String(repeating: "<div>", count: depth)
    html += "<p>\(paragraph)</p>"
    html += String(repeating: "</div>", count: depth)
    html += "<p>\(paragraph) Outside.</p></body></html>"
    // libxml2 (without HTML_PARSE_HUGE, which we never set) stops building the tree at its
    // depth limit of 256, so little or nothing survives; what matters is that nothing crashes.
    let article = try Ingester.ingest(bytes: Array(html.utf8), source: "deep.html")
    #expect(article.passages.count <= 2)
  }

  @Test func nestingJustUnderTheParserLimitIsWalked() throws {
    let depth = 250
    let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>\(paragraph)</p>"
      + String(repeating: "</div>", count: depth) + "</body></html>"
    let article = try Ingester.ingest(bytes: Array(html.utf8), source: "deep.html")
    #expect(article.passages.map(\.text) == [paragraph])
  }

  @Test func externalEntitiesAreNeverLoaded() throws {
    let html = """
      <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd"><!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>
      <html><body><article><p>\(paragraph) &e; end.</p><p>Second &e; paragraph with plenty of words so the body is clearly the main content.</p></article></body></html>
      """
    let article = try Ingester.ingest(bytes: Array(html.utf8), source: "xxe.html")
    let all = article.passages.map(\.text).joined(separator: " ") + (article.title ?? "")
    #expect(!all.contains("root:x:0:0"))
    #expect(!all.contains("/bin/"))
    #expect(all.contains("end."))
  }

  @Test func unreadableFilesNameThePath() throws {
    #expect(throws: IngestError.unreadable(path: "/nonexistent/x.html", reason: "no such file or directory")) {
      try Ingester.ingest(fileAt: "/nonexistent/x.html")
    }
    let dir = FileManager.default.temporaryDirectory.path
    #expect(throws: IngestError.unreadable(path: dir, reason: "is a directory")) { try Ingester.ingest(fileAt: dir) }
  }

  @Test func filesAndPipesAreReadWholeUpToTheLimit() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("read-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let file = folder.appendingPathComponent("f").path
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    #expect(try Ingester.readFile(file) == bytes)
    #expect(try Ingester.readFile(file, limit: bytes.count) == bytes, "a file exactly at the limit")
    #expect(throws: IngestError.tooLarge(source: file, limit: bytes.count - 1)) {
      try Ingester.readFile(file, limit: bytes.count - 1)
    }
    let empty = folder.appendingPathComponent("e").path
    try Data().write(to: URL(fileURLWithPath: empty))
    #expect(try Ingester.readFile(empty).isEmpty)
    // A pipe has no size: it is read in pieces, several of them here, and held to the limit too.
    let fifo = folder.appendingPathComponent("p").path
    #expect(mkfifo(fifo, 0o600) == 0)
    for limit in [Int.max - 1, 200_000] {
      // Over the limit, the writer sends one byte past it, all that a refusing read takes (more
      // would meet a closed pipe).
      let sent = limit < bytes.count ? Array(bytes.prefix(limit + 1)) : bytes
      let writer = Thread {
        let descriptor = open(fifo, O_WRONLY)
        _ = sent.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
        close(descriptor)
      }
      writer.start()
      if limit < bytes.count {
        #expect(throws: IngestError.tooLarge(source: fifo, limit: limit)) { try Ingester.readFile(fifo, limit: limit) }
      } else {
        #expect(try Ingester.readFile(fifo, limit: limit) == bytes)
      }
      while !writer.isFinished { usleep(1_000) }
    }
  }

  @Test func sameInputSameOutput() throws {
    let a = try Ingester.ingest(bytes: Array(page.utf8), source: "p.html")
    let b = try Ingester.ingest(bytes: Array(page.utf8), source: "p.html")
    #expect(a == b)
  }
}

/// A tiny deterministic generator for junk bytes.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
