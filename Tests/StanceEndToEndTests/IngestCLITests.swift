import Foundation
import Testing

@Suite struct IngestCLITests {
  static let paragraphs = [
    "The treaty has survived three changes of government because each side still finds it cheaper than the alternative of open rivalry.",
    "Critics call it a relic, yet none of them has proposed a replacement that both capitals could sign without losing face at home.",
  ]

  static func page(_ n: Int) -> String {
    "<html><head><title>Page \(n)</title></head><body><nav><a href=/>Home</a> <a href=/w>World</a></nav><article><p>\(paragraphs[0]) (\(n))</p><p>\(paragraphs[1])</p></article></body></html>"
  }

  /// A fresh directory with a few pages in nested folders.
  func makeTree() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stance-ingest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("b/c"), withIntermediateDirectories: true)
    try Data(Self.page(1).utf8).write(to: dir.appendingPathComponent("a.html"))
    try Data(Self.page(2).utf8).write(to: dir.appendingPathComponent("b/c/z.html"))
    try Data(Self.page(3).utf8).write(to: dir.appendingPathComponent("b/d.htm"))
    return dir
  }

  @Test func textFormatPrintsPassagesSeparatedByOneBlankLine() throws {
    let dir = try makeTree()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try runStance(["ingest", dir.appendingPathComponent("a.html").path])
    #expect(result.status == 0)
    #expect(result.stdout == "\(Self.paragraphs[0]) (1)\n\n\(Self.paragraphs[1])\n")
    #expect(result.stderr.isEmpty)
  }

  @Test func jsonFormatHasSortedKeysAndAllFields() throws {
    let dir = try makeTree()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("a.html").path
    let result = try runStance(["ingest", "--format", "json", path])
    #expect(result.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["source", "title", "authors", "date", "siteName", "language", "url", "isOpinion", "passages"])
    #expect(object["source"] as? String == path)
    #expect(object["title"] as? String == "Page 1")
    let passages = try #require(object["passages"] as? [[String: Any]])
    #expect(passages.count == 2)
    #expect(Set(passages[0].keys) == ["index", "text", "heading"])
    let keys = ["authors", "date", "isOpinion", "language", "passages", "siteName", "source", "title", "url"]
    let offsets = keys.map { result.stdout.range(of: "\"\($0)\" :")!.lowerBound }
    #expect(offsets == offsets.sorted())
  }

  @Test func directoriesAreWalkedInSortedOrderWithAnyJobCount() throws {
    let dir = try makeTree()
    defer { try? FileManager.default.removeItem(at: dir) }
    let one = try runStance(["ingest", "--format", "jsonl", dir.path])
    let two = try runStance(["ingest", "--format", "jsonl", "--jobs", "2", dir.path])
    #expect(one.status == 0)
    #expect(one.stdout == two.stdout)
    let sources = one.stdout.split(separator: "\n").map { line -> String in
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return (object?["source"] as? String) ?? "?"
    }
    #expect(sources == [dir.path + "/a.html", dir.path + "/b/c/z.html", dir.path + "/b/d.htm"])
  }

  @Test func standardInput() throws {
    let result = try runStance(["ingest", "--format", "jsonl", "-"], stdin: Data(Self.page(7).utf8))
    #expect(result.status == 0)
    #expect(result.stdout.contains("\"source\":\"<stdin>\""))
    #expect(result.stdout.contains("(7)"))
  }

  @Test func aBadFileIsReportedAndTheRestContinue() throws {
    let dir = try makeTree()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("b/bad.png")
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: bad)
    let result = try runStance(["ingest", "--format", "jsonl", dir.path])
    #expect(result.status == 65)
    #expect(result.stderr.contains(bad.path))
    #expect(result.stderr.contains("PNG image"))
    #expect(result.stdout.split(separator: "\n").count == 3)
  }

  @Test func overLimitAndMissingInputs() throws {
    let dir = try makeTree()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("a.html").path
    let big = try runStance(["ingest", "--max-bytes", "64", path])
    #expect(big.status == 65)
    #expect(big.stderr.contains(path) && big.stderr.contains("64 bytes"))
    let missing = try runStance(["ingest", dir.appendingPathComponent("nope.html").path])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("nope.html"))
  }

  @Test func malformedInputPrintsNothingOnStandardError() throws {
    let html = "<html><body><div><p>\(Self.paragraphs[0])<table><td></span>&bogus; <p>\(Self.paragraphs[1])</div></i></body><<<>"
    let result = try runStance(["ingest", "-"], stdin: Data(html.utf8))
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.contains(Self.paragraphs[0]))
  }

  @Test func badFlagsAreUsageErrors() throws {
    #expect(try runStance(["ingest", "--jobs", "0", "x"]).status == 64)
    #expect(try runStance(["ingest", "--format", "xml", "x"]).status == 64)
  }

  static let seed: String? = {
    let dir = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.sorted().first { $0.hasPrefix("000_") }.map { dir + "/" + $0 }
  }()

  @Test(.enabled(if: seed != nil))
  func seed000ThroughTheCLI() throws {
    let result = try runStance(["ingest", try #require(Self.seed)])
    #expect(result.status == 0)
    for banned in ["Getty Images", "More from Foreign Policy", "Statue of Liberty", "By ,", "columnist20"] {
      #expect(!result.stdout.contains(banned))
    }
    #expect(result.stdout.contains("balance of power theory"))
  }
}
