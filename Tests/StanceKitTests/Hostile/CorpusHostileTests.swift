import Foundation
import Testing

@testable import StanceKit

/// Hostile corpora: byte-order marks, CRLF, one enormous line, repeated ids.
@Suite struct CorpusHostileTests {
  static func read(_ text: String, _ format: CorpusReader.Format, prefix: [UInt8] = []) throws -> Corpus {
    try withinHangGuard("corpus \(format)") {
      try CorpusReader.read(bytes: prefix + Array(text.utf8), format: format, name: "hostile")
    }
  }

  static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

  @Test func byteOrderMarkAndCRLFAreInvisible() throws {
    let jsonl = try Self.read(
      "{\"text\": \"We should come home.\", \"label\": \"restraint\"}\r\n{\"text\": \"Stay with allies.\", \"label\": \"engagement\"}\r\n\r\n",
      .jsonLines, prefix: Self.bom)
    #expect(jsonl.passages.map(\.label) == ["restraint", "engagement"])
    #expect(jsonl.passages.map(\.line) == [1, 2])
    let csv = try Self.read(
      "text,label,id\r\n\"We should, come home.\",restraint,a\r\n\"Stay\r\nwith allies.\",engagement,b\r\n",
      .csv, prefix: Self.bom)
    #expect(csv.passages.map(\.label) == ["restraint", "engagement"])
    #expect(csv.passages.map(\.id) == ["a", "b"])
    #expect(csv.passages[0].text == "We should, come home.")
    #expect(csv.passages.map(\.line) == [2, 3])
    let tsv = try Self.read("text\tlabel\r\nWe should come home.\trestraint\r\n", .tsv, prefix: Self.bom)
    #expect(tsv.passages.map(\.label) == ["restraint"])
    #expect(tsv.passages[0].text == "We should come home.")
  }

  @Test(arguments: [CorpusReader.Format.jsonLines, .csv, .tsv])
  func tenMegabyteLineIsReadWhole(format: CorpusReader.Format) throws {
    let text = String(repeating: "restraint abroad ", count: 10_000_000 / 17)
    let body: String
    switch format {
    case .jsonLines: body = "{\"text\": \"\(text)\", \"label\": \"restraint\"}\n{\"text\": \"short\", \"label\": \"engagement\"}\n"
    case .csv: body = "text,label\n\"\(text)\",restraint\nshort,engagement\n"
    default: body = "text\tlabel\n\(text)\trestraint\nshort\tengagement\n"
    }
    let corpus = try Self.read(body, format)
    #expect(corpus.passages.count == 2)
    #expect(corpus.passages.first?.text == text)
    #expect(corpus.passages.last?.line == (format == .jsonLines ? 2 : 3))
  }

  @Test func duplicatedIdsAreReportedWithBothLines() throws {
    let corpus = try Self.read(
      """
      {"id": "x1", "text": "First text.", "label": "restraint"}
      {"id": "x2", "text": "Second text.", "label": "engagement"}
      {"id": "x1", "text": "Third text.", "label": "engagement"}

      """, .jsonLines)
    #expect(corpus.passages.count == 3)
    #expect(corpus.warnings.map(\.description) == ["hostile:3: warning: duplicate id \"x1\" (first on line 1)"])
  }

  @Test func brokenRecordsNameTheLine() {
    let cases: [(String, CorpusReader.Format, Int)] = [
      ("{\"text\": \"ok\", \"label\": \"a\"}\n{\"text\": \"unterminated, \"label\": \"b\"}\n", .jsonLines, 2),
      ("{\"text\": \"ok\", \"label\": \"a\"}\n{\"text\": \"no label\"}\n", .jsonLines, 2),
      ("text,label\nok,a\n\"unclosed quote,b\n", .csv, 3),
      ("text,label\nok,a\ntoo,many,fields\n", .csv, 3),
    ]
    for (body, format, line) in cases {
      #expect { try Self.read(body, format) } throws: { error in
        (error as? CorpusError)?.line == line && (error as? CorpusError)?.file == "hostile"
      }
    }
  }

  @Test func invalidUTF8AndNULsNeverCrash() {
    for format in [CorpusReader.Format.jsonLines, .csv, .tsv] {
      for bytes: [UInt8] in [[0xFF, 0xFE, 0x00], [0x00], Array("text,label\n\u{0}\u{0},a\n".utf8), [0xC3], Array("{\"text\":\"\\ud800\",\"label\":\"a\"}".utf8)] {
        do {
          _ = try CorpusReader.read(bytes: bytes, format: format, name: "nul")
        } catch let error as CorpusError {
          #expect(error.file == "nul")
        } catch {
          Issue.record("unexpected error \(error)")
        }
      }
    }
  }
}
