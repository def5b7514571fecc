import Foundation
import Testing

@testable import StanceKit

/// JSON strings are scanned eight bytes at a time: every escape, quote and control byte is
/// found wherever it falls against the eight-byte grid, as a byte-by-byte reading finds it.
@Suite struct JSONStringTests {
  /// The `text` member of `{"text": <literal>}` as our parser reads it, or its error.
  static func parse(_ literal: String) -> Result<String, JSONParser.Failure> {
    var parser = JSONParser(ArraySlice(Array("{\"text\": \(literal)}".utf8)))
    return parser.parseObjectLineResult().map { members in
      guard case .string(let text) = members[0].1 else { return "<not a string>" }
      return text
    }
  }

  @Test func escapesAtEveryOffsetDecodeAsFoundationDoes() throws {
    let pieces = ["\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "é", "米", "a", "\\t", "\\/"]
    var random = SplitMix64(seed: 11)
    for length in 0..<40 {
      for _ in 0..<8 {
        let literal = "\"" + (0..<length).map { _ in
          random.next() % 3 == 0 ? pieces[Int(random.next() % UInt64(pieces.count))] : "x"
        }.joined() + "\""
        let expected = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed) as? String
        #expect(try Self.parse(literal).get() == expected, "\(literal)")
      }
    }
  }

  @Test func controlBytesAndMissingQuotesFailAtTheirColumn() {
    for offset in 0..<20 {
      let prefix = String(repeating: "y", count: offset)
      guard case .failure(let control) = Self.parse("\"\(prefix)\u{01}z\"") else {
        Issue.record("a control byte at \(offset) was accepted")
        continue
      }
      #expect(control.message == "control character in string at column \(11 + offset)")
      guard case .failure(let open) = Self.parse("\"\(prefix)") else {
        Issue.record("an unterminated string of \(offset) bytes was accepted")
        continue
      }
      #expect(open.message.hasPrefix("unterminated string"))
    }
  }

  @Test func specialBytesFlagsTheFirstExactly() {
    var random = SplitMix64(seed: 5)
    let interesting: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
    for _ in 0..<20_000 {
      let bytes = (0..<8).map { _ in
        random.next() % 2 == 0 ? interesting[Int(random.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: random.next())
      }
      let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
      let first = bytes.firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }
      let flags = JSONParser.specialBytes(word)
      #expect((flags == 0 ? nil : flags.trailingZeroBitCount / 8) == first, "\(bytes)")
    }
  }
}
