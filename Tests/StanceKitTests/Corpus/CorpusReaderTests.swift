import Foundation
import Testing
@testable import StanceKit

@Suite struct CorpusReaderTests {
  func read(_ text: String, _ format: CorpusReader.Format, name: String = "train") throws -> Corpus {
    try CorpusReader.read(bytes: Array(text.utf8), format: format, name: name)
  }

  func error(_ text: String, _ format: CorpusReader.Format, name: String = "train.jsonl") -> String? {
    do {
      _ = try read(text, format, name: name)
      return nil
    } catch let error as CorpusError {
      return error.description
    } catch {
      return "unexpected \(error)"
    }
  }

  @Test func jsonLinesKeepIdGroupAndMetadata() throws {
    let corpus = try read(
      """
      {"text": "We must withdraw.", "label": "restraint", "id": "a1", "group": "op-ed-1", "topic": "nato", "year": 2024, "opinion": true, "extra": null}

      {"label": "engagement", "text": "Allies need us \\u00e9 \\ud83d\\ude00", "score": -1.5e3, "tags": ["x", 2]}
      """, .jsonLines)
    #expect(corpus.passages.count == 2)
    let first = corpus.passages[0]
    #expect(first.id == "a1" && first.group == "op-ed-1" && first.line == 1)
    #expect(first.metadata == ["topic": "nato", "year": "2024", "opinion": "true"])
    let second = corpus.passages[1]
    #expect(second.line == 3 && second.text == "Allies need us é 😀")
    #expect(second.metadata == ["score": "-1.5e3", "tags": "[\"x\",2]"])
    #expect(corpus.labels == ["engagement", "restraint"])
  }

  @Test func jsonLinesErrorsNameFileAndLine() {
    #expect(error("{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\"}", .jsonLines) == "train.jsonl:2: missing \"label\"")
    #expect(error("{\"label\": \"x\"}", .jsonLines) == "train.jsonl:1: missing \"text\"")
    #expect(error("\n\n{\"text\": 3, \"label\": \"x\"}", .jsonLines) == "train.jsonl:3: \"text\" must be a string, found a number")
    #expect(error("{\"text\": \"a\", \"label\": \"\"}", .jsonLines) == "train.jsonl:1: empty \"label\"")
    #expect(error("{\"text\": \"a\", \"label\": \"x\"", .jsonLines)?.hasPrefix("train.jsonl:1: invalid JSON") == true)
    #expect(error("[1, 2]", .jsonLines)?.hasPrefix("train.jsonl:1: invalid JSON") == true)
    #expect(error("{\"text\": \"a\", \"text\": \"b\", \"label\": \"x\"}", .jsonLines) == "train.jsonl:1: invalid JSON: duplicate key \"text\"")
    #expect(error("{\"text\": \"\\ud800\", \"label\": \"x\"}", .jsonLines)?.contains("surrogate") == true)
    let deep = String(repeating: "[", count: 10_000)
    #expect(error("{\"text\": \"a\", \"label\": \"x\", \"m\": \(deep)}", .jsonLines)?.contains("nesting") == true)
  }

  @Test func invalidUTF8IsAnError() {
    var bytes = Array("{\"text\": \"ok\", \"label\": \"x\"}\n{\"text\": \"bad ".utf8)
    bytes += [0xC3, 0x28]
    bytes += Array("\", \"label\": \"x\"}".utf8)
    do {
      _ = try CorpusReader.read(bytes: bytes, format: .jsonLines, name: "u.jsonl")
      Issue.record("invalid UTF-8 accepted")
    } catch let error as CorpusError {
      #expect(error.line == 2)
      #expect(error.message.contains("UTF-8"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func numericLabelsAreStringified() throws {
    let corpus = try read("{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \"label\": 0}", .jsonLines)
    #expect(corpus.passages.map(\.label) == ["1", "0"])
  }

  @Test func bomAndCRLFAreTolerated() throws {
    let text = "\u{FEFF}{\"text\": \"a b\", \"label\": \"x\"}\r\n{\"text\": \"c\", \"label\": \"y\"}\r\n"
    let corpus = try read(text, .jsonLines)
    #expect(corpus.passages.map(\.text) == ["a b", "c"])
    let csv = try read("\u{FEFF}text,label\r\n\"hello, world\",x\r\nbye,y\r\n", .csv)
    #expect(csv.passages.map(\.text) == ["hello, world", "bye"])
    #expect(csv.passages.map(\.label) == ["x", "y"])
  }

  @Test func csvFollowsRFC4180() throws {
    let corpus = try read(
      """
      id,label,text,group,topic
      1,restraint,"Bring them ""home""
      now, please",g1,war
      2,engagement,plain text,,trade
      """, .csv)
    #expect(corpus.passages.count == 2)
    #expect(corpus.passages[0].text == "Bring them \"home\"\nnow, please")
    #expect(corpus.passages[0].group == "g1" && corpus.passages[0].id == "1" && corpus.passages[0].line == 2)
    #expect(corpus.passages[1].line == 4 && corpus.passages[1].group == nil)
    #expect(corpus.passages[1].metadata == ["topic": "trade"])
  }

  @Test func csvErrorsNameFileAndLine() {
    #expect(error("text,label\na,x\nb\n", .csv, name: "t.csv") == "t.csv:3: expected 2 fields, found 1")
    #expect(error("text,label\n\"open,x\n", .csv, name: "t.csv") == "t.csv:2: unterminated quoted field")
    #expect(error("text,label\nsa\"id,x\n", .csv, name: "t.csv")?.hasPrefix("t.csv:2: quote inside") == true)
    #expect(error("text,label\n\"a\"b,x\n", .csv, name: "t.csv")?.hasPrefix("t.csv:2: text after a closing quote") == true)
    #expect(error("words,label\na,x\n", .csv, name: "t.csv")?.hasPrefix("t.csv:1: header has no \"text\" column") == true)
    #expect(error("", .csv, name: "t.csv")?.hasPrefix("t.csv:1: empty file") == true)
  }

  @Test func tsvHasNoQuoting() throws {
    let corpus = try read("label\ttext\nx\t\"quoted\" as is\ny\t\n", .tsv)
    #expect(corpus.passages.map(\.text) == ["\"quoted\" as is", ""])
    #expect(error("label\ttext\nx\ta\tb\n", .tsv, name: "t.tsv") == "t.tsv:2: expected 2 fields, found 3")
  }

  @Test func duplicatesAndConflictsAreWarnings() throws {
    let corpus = try read(
      """
      {"text": "same", "label": "x"}
      {"text": "same", "label": "x"}
      {"text": "same", "label": "y"}
      {"text": "", "label": "x"}
      {"text": "", "label": "y"}
      """, .jsonLines, name: "d.jsonl")
    #expect(corpus.passages.count == 5)
    #expect(corpus.warnings.map(\.description) == [
      "d.jsonl:2: warning: duplicate text (same as line 1)",
      "d.jsonl:3: warning: same text as line 1 but labelled \"y\" here, \"x\" there",
    ])
  }

  @Test func foldersHoldOneSubfolderPerLabel() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("stance-corpus-\(UUID())")
    defer { try? FileManager.default.removeItem(at: root) }
    for (label, name, text) in [("pos", "b.txt", "good"), ("pos", "a.txt", "\u{FEFF}great"), ("neg", "sub/c.txt", "bad"), ("neg", "skip.md", "no")] {
      let file = root.appendingPathComponent(label).appendingPathComponent(name)
      try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
    let corpus = try CorpusReader.read(path: root.path)
    #expect(corpus.passages.map(\.id) == ["neg/sub/c.txt", "pos/a.txt", "pos/b.txt"])
    #expect(corpus.passages.map(\.text) == ["bad", "great", "good"])
    #expect(corpus.passages.map(\.label) == ["neg", "pos", "pos"])
  }

  @Test func unknownFormatsAndMissingFilesAreErrors() {
    #expect(throws: CorpusError.self) { try CorpusReader.read(path: "/nonexistent/file.jsonl") }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID()).xml").path
    _ = FileManager.default.createFile(atPath: path, contents: Data("<x/>".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try CorpusReader.read(path: path)
      Issue.record("unknown format accepted")
    } catch let error as CorpusError {
      #expect(error.description.contains("unknown corpus format \".xml\""))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func aOneLabelCorpusReadsButCannotTrain() throws {
    let corpus = try read("{\"text\": \"a b\", \"label\": \"x\"}\n{\"text\": \"c d\", \"label\": \"x\"}", .jsonLines)
    #expect(corpus.labels == ["x"])
    #expect(throws: NaiveBayesError.tooFewLabels(found: ["x"])) {
      try NaiveBayesModel(training: corpus.passages.map(\.example), options: TrainingOptions())
    }
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: repositoryData("cr/data.jsonl"))))
  func sharedCorporaRead() throws {
    let corpus = try CorpusReader.read(path: repositoryData("cr/data.jsonl"))
    #expect(corpus.passages.count == 3775)
    #expect(corpus.passages.filter(\.text.isEmpty).count == 4)
  }
}

@Suite struct CorpusRobustnessTests {
  /// Random bytes biased towards the formats' special characters: a corpus or a CorpusError, never a crash.
  @Test(arguments: [CorpusReader.Format.jsonLines, .csv, .tsv])
  func randomBytesNeverCrash(_ format: CorpusReader.Format) {
    var random = SeededRandom(state: 99)
    let alphabet = Array("{}[]\":,\\\n\r\t tlabelxu0123ée".utf8) + [0xC3, 0xFF, 0x00]
    let seeds = [
      "{\"text\": \"a\", \"label\": \"x\"}\n", "text,label\n\"a\",x\n", "text\tlabel\na\tx\n",
    ]
    for round in 0..<400 {
      var bytes = Array(seeds[round % 3].utf8)
      for _ in 0..<Int(random.next() % 40) {
        let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
        if bytes.isEmpty || random.next() % 2 == 0 {
          bytes.append(byte)
        } else {
          bytes[Int(random.next() % UInt64(bytes.count))] = byte
        }
      }
      do {
        let corpus = try CorpusReader.read(bytes: bytes, format: format, name: "fuzz")
        #expect(corpus.passages.allSatisfy { !$0.label.isEmpty && $0.line >= 1 })
      } catch let error as CorpusError {
        #expect(error.file == "fuzz")
      } catch {
        Issue.record("unexpected error \(error)")
      }
    }
  }
}
