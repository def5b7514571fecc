import Foundation
import Testing

/// Hostile inputs through the real binary: a clear message and exit 65 (or correct output), never a
/// crash, never a secret file in the output, never a write into the input directory.
@Suite struct HostileCLITests {
  static func directory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("stance-hostile-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @discardableResult
  static func write(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  static func gzip(_ path: String) throws -> String {
    try runTool(["gzip", "-9", "-n", "-k", path])
    return path + ".gz"
  }

  @Test func badDocumentsGiveExit65AndNameTheFile() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 64)
    let cases: [(name: String, bytes: [UInt8], message: String)] = [
      ("empty.html", [], "empty input"),
      ("blank.txt", Array(" \n\n\t".utf8), "empty input"),
      ("picture.html", png, "PNG image"),
      ("nul.html", Array("<html><body><p>a\u{0}b</p>".utf8), "NUL bytes"),
      ("truncated.html.gz", [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xAB], "corrupt gzip"),
    ]
    for (name, bytes, message) in cases {
      let path = try Self.write(bytes, name, in: dir)
      for format in ["text", "json", "jsonl"] {
        let run = try runStanceMeasured(["ingest", "--format", format, path])
        #expect(run.status == 65, "\(name): \(run.stderr)")
        #expect(run.stderr.contains(path) && run.stderr.contains(message), "\(name): \(run.stderr)")
        #expect(run.stdout.isEmpty || format != "text", "\(name): \(run.stdout)")
      }
    }
  }

  @Test func oversizedInputIsRefusedUnlessTheLimitIsRaised() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var page = Array("<html><head><title>Big</title></head><body><p>".utf8)
    let paragraph = Array("The alliance should stay engaged in the region for the long term. ".utf8)
    while page.count < 64 << 20 { page += paragraph }
    page += Array("</p></body></html>".utf8)
    let path = try Self.write(page, "big.html", in: dir)
    let refused = try runStanceMeasured(["ingest", path])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("\(path): input is larger than the limit of 33554432 bytes"), "\(refused.stderr)")
    #expect(refused.stderr.contains("--max-bytes"))
    let accepted = try runStanceMeasured(["ingest", "--format", "jsonl", "--max-bytes", "\(80 << 20)", path])
    #expect(accepted.status == 0, "\(accepted.stderr)")
    #expect(accepted.stdout.contains("The alliance should stay engaged"))
  }

  @Test func gzipBombIsRefusedWithBoundedWork() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // One member of 4 MiB of markup, repeated 64 times: 256 MiB inflated.
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 4 << 20)
    let member = try Data(contentsOf: URL(fileURLWithPath: try Self.gzip(try Self.write(chunk, "chunk.html", in: dir))))
    let bomb = try Self.write(Array([[UInt8]](repeating: [UInt8](member), count: 64).joined()), "bomb.html.gz", in: dir)
    let run = try runStanceMeasured(["ingest", bomb])
    #expect(run.status == 65)
    #expect(run.stderr.contains("\(bomb): input is larger than the limit"), "\(run.stderr)")
  }

  @Test func externalEntitiesAndXIncludeNeverReachTheOutput() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let secret = "TOP-SECRET-\(UUID().uuidString)"
    let secretPath = try Self.write(Array("\(secret)\n".utf8), "secret.txt", in: dir)
    let secretURL = URL(fileURLWithPath: secretPath).absoluteString
    let page = """
      <?xml version="1.0"?>
      <!DOCTYPE html [<!ENTITY ext SYSTEM "\(secretURL)"><!ENTITY pw SYSTEM "file:///etc/passwd">
      <!ENTITY % pe SYSTEM "\(secretURL)"> %pe;]>
      <html xmlns:xi="http://www.w3.org/2001/XInclude"><head><title>Entities</title></head><body>
      <p>Here comes the entity: &ext; and the password file: &pw; in a sentence with words.</p>
      <p>And an include: <xi:include href="\(secretURL)" parse="text"/>
      <xi:include href="file:///etc/passwd" parse="text"/> in another sentence with words.</p>
      </body></html>
      """
    let html = try Self.write(Array(page.utf8), "xxe.html", in: dir)
    let xhtml = try Self.write(Array(page.utf8), "xxe.xhtml", in: dir)
    let text = try Self.write(Array(page.utf8), "xxe.txt", in: dir)
    var outputs: [String] = []
    for path in [html, xhtml, text] {
      for format in ["text", "json", "jsonl"] {
        let run = try runStanceMeasured(["ingest", "--format", format, path])
        outputs.append(run.stdout + run.stderr)
      }
    }
    let train = try Self.write(
      Array(#"{"text": "withdraw the troops now", "label": "restraint"}\#n{"text": "stand by our allies", "label": "engagement"}\#n"#.utf8),
      "train.jsonl", in: dir)
    let model = dir.appendingPathComponent("m.model").path
    #expect(try runStanceMeasured(["train", "-o", model, train]).status == 0)
    for format in ["text", "json", "jsonl"] {
      let run = try runStanceMeasured(["classify", "--model", model, "--format", format, html, text])
      outputs.append(run.stdout + run.stderr)
    }
    for output in outputs {
      #expect(!output.contains(secret), "the secret file reached the output")
      #expect(!output.contains("root:x:0:0"), "/etc/passwd reached the output")
    }
    #expect(outputs[0].contains("Here comes the entity"))
  }

  @Test func hostileStandardInput() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let nul = try Self.write([0, 0, 0, 0x3C, 0x70, 0x3E], "nul", in: dir)
    let run = try runStanceMeasured(["ingest", "-"], stdinFile: nul)
    #expect(run.status == 65)
    #expect(run.stderr.contains("NUL") || run.stderr.contains("binary"), "\(run.stderr)")
  }

  @Test func damagedModelsGiveExit65() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let train = try Self.write(
      Array(#"{"text": "withdraw the troops now", "label": "restraint"}\#n{"text": "stand by our allies", "label": "engagement"}\#n"#.utf8),
      "train.jsonl", in: dir)
    let model = dir.appendingPathComponent("m.model").path
    #expect(try runStanceMeasured(["train", "-o", model, train]).status == 0)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: model)))
    let input = try Self.write(Array(#"{"id": 1, "text": "troops"}"#.utf8), "in.jsonl", in: dir)
    var damaged: [(String, [UInt8])] = [("half", Array(bytes.prefix(bytes.count / 2))), ("empty", [])]
    var flipped = bytes
    flipped[bytes.count / 2] ^= 0x10
    damaged.append(("flipped", flipped))
    var future = bytes
    future[8] = 9
    damaged.append(("future", future))
    for (name, content) in damaged {
      let path = try Self.write(content, "\(name).model", in: dir)
      for command in [["classify", "--model", path, input], ["explain", "--model", path, "troops"]] {
        let run = try runStanceMeasured(command)
        #expect(run.status == 65 || run.status == 1, "\(name) \(command[0]): exit \(run.status)")
        #expect(run.stderr.contains(path), "\(name) \(command[0]): \(run.stderr)")
        #expect(run.stdout.isEmpty)
      }
    }
  }

  @Test func corpusWithBOMCRLFAndDuplicateIdsTrains() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = try Self.write(
      [0xEF, 0xBB, 0xBF] + Array("text,label,id\r\nwithdraw the troops now,restraint,a\r\nstand by our allies,engagement,a\r\n".utf8),
      "train.csv", in: dir)
    let model = dir.appendingPathComponent("m.model").path
    let run = try runStanceMeasured(["train", "-o", model, csv])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("duplicate id \"a\""), "\(run.stderr)")
    let broken = try Self.write(Array("text,label\nfine,restraint\n\"open quote,engagement\n".utf8), "broken.csv", in: dir)
    let bad = try runStanceMeasured(["train", "-o", model, broken])
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("\(broken):3"), "\(bad.stderr)")
  }

  @Test func classifyNeverWritesIntoTheInputDirectory() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let train = try Self.write(
      Array(#"{"text": "withdraw the troops now", "label": "restraint"}\#n{"text": "stand by our allies", "label": "engagement"}\#n"#.utf8),
      "train.jsonl", in: dir)
    let model = dir.appendingPathComponent("m.model").path
    #expect(try runStanceMeasured(["train", "-o", model, train]).status == 0)
    let input = dir.appendingPathComponent("articles")
    try FileManager.default.createDirectory(at: input.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try Self.write(Array("<html><body><p>We should withdraw the troops now and come home.</p></body></html>".utf8), "a.html", in: input)
    try Self.write(Array("Title\n\nWe must stand by our allies in every region.\n".utf8), "b.txt", in: input.appendingPathComponent("sub"))
    try Self.write([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0], "c.html", in: input)
    try Self.write(Array(#"{"id": 1, "text": "troops"}"#.utf8), "d.jsonl", in: input)
    func snapshot() throws -> [String] {
      let enumerator = FileManager.default.enumerator(at: input, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey])!
      return try enumerator.map { item in
        let url = item as! URL
        let values = try url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
        return "\(url.path) \(values.fileSize ?? -1) \(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
      }.sorted()
    }
    let before = try snapshot()
    for format in ["text", "json", "jsonl"] {
      let run = try runStanceMeasured(["classify", "--model", model, "--format", format, input.path])
      #expect(run.status == 65, "the PNG must be reported: \(run.stderr)")
      #expect(run.stderr.contains("c.html"))
    }
    #expect(try snapshot() == before)
  }
}
