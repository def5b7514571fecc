import Testing
@testable import StanceKit

/// The plain-word and capitalised-word shortcuts must emit exactly what the byte-by-byte path emits.
@Suite struct TokenScannerFastPathTests {
  /// Everything the shortcuts have to get right: case, digits, clitics, hyphens, numbers, marks,
  /// curly apostrophes, non-ASCII letters, URLs and runs at the token length limit.
  static let pieces = [
    "the", "war", "Iraq", "NATO", "isn't", "don't", "it's", "we'd", "cold-war", "-", "--", "3.5", "1,000",
    "19th", "a1", ".", ",", "!", "?", ";", ":", "'", "\u{2019}", "ne\u{2019}er", "café", "Ünion", "é",
    "www.example.org", "https://x.y/z", "(", ")", "\"", " ", "  ", "\n", "\t", "rock'n'roll", "o'clock",
    String(repeating: "a", count: 255), String(repeating: "b", count: 256), String(repeating: "c", count: 257),
    String(repeating: "7", count: 300), "x-", "-y", "a.", "1.", ".5", "n't", "can't", "no.", "e.g.",
    "abcdefgh", "abcdefghijklmno", "0123456789", "ab12cd34ef56gh78", "interventions", "Élan",
    "The", "McCain", "U.S.", "IRAQ's", "Don't", "X-ray", "ABC123", "A", "O'Brien", "Z", "@", "[", "`", "{",
    "WashingtonPostEditorialBoard", String(repeating: "D", count: 256), String(repeating: "Ee", count: 130),
  ]

  /// What the scanner emits, written down: `w:` words, `m:` marks, `|` scope ends.
  struct Transcript: ScanSink {
    var entries: [String] = []
    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>) { entries.append("w:" + String(decoding: bytes, as: UTF8.self)) }
    mutating func mark(_ bytes: UnsafeBufferPointer<UInt8>) { entries.append("m:" + String(decoding: bytes, as: UTF8.self)) }
    mutating func scopeEnd() { entries.append("|") }
  }

  func scan(_ text: String, plain: Bool) -> [String] {
    var transcript = Transcript()
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TokenBuffer.maximumBytes) { storage in
      var scanner = TokenScanner(storage: storage, emitsPlainWords: plain)
      var text = text
      text.withUTF8 { scanner.scan($0, into: &transcript) }
    }
    return transcript.entries
  }

  @Test func shortcutMatchesTheBytePathOnRandomTexts() {
    var generator = SplitMix(seed: 20261206)
    for _ in 0..<3000 {
      var text = ""
      for _ in 0..<Int(generator.next() % 12) {
        text += Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))]
        if generator.next() % 3 == 0 { text += " " }
      }
      #expect(scan(text, plain: true) == scan(text, plain: false), "text: \(text.debugDescription)")
    }
  }

  @Test func eightByteClassificationsMatchBytes() {
    var generator = SplitMix(seed: 8)
    for round in 0..<20_000 {
      // Every byte value turns up in every position, among plain neighbours or random ones.
      var bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      if round % 2 == 0 { bytes = bytes.map { $0 % 3 == 0 ? $0 : ($0 % 2 == 0 ? UInt8(ascii: "a") : UInt8(ascii: "A")) + $0 % 26 } }
      let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
      let (plain, letter) = TokenScanner.plainBytes(word)
      let (alphanumeric, capital) = TokenScanner.wordBytes(word)
      for (position, byte) in bytes.enumerated() {
        let isLetter = byte >= 0x61 && byte <= 0x7A
        let isPlain = isLetter || (byte >= 0x30 && byte <= 0x39)
        #expect((plain >> UInt64(8 * position + 7)) & 1 == (isPlain ? 1 : 0), "byte \(byte) at \(position)")
        #expect((letter >> UInt64(8 * position + 7)) & 1 == (isLetter ? 1 : 0), "byte \(byte) at \(position)")
        #expect((plain | letter) & ~(0x80 << UInt64(8 * position)) & (0xFF << UInt64(8 * position)) == 0)
        let isCapital = byte >= 0x41 && byte <= 0x5A
        #expect((alphanumeric >> UInt64(8 * position + 7)) & 1 == (isPlain || isCapital ? 1 : 0), "byte \(byte) at \(position)")
        #expect((capital >> UInt64(8 * position + 7)) & 1 == (isCapital ? 1 : 0), "byte \(byte) at \(position)")
        #expect((alphanumeric | capital) & ~(0x80 << UInt64(8 * position)) & (0xFF << UInt64(8 * position)) == 0)
      }
    }
  }

  @Test func ordinaryProseTokenizes() {
    // Plain words, then a full stop: a scope end and a mark.
    #expect(scan("the war in iraq ended.", plain: true) == ["w:the", "w:war", "w:in", "w:iraq", "w:ended", "|", "m:."])
  }
}
