/// Finds repeated ids and repeated non-empty texts in a corpus read in batches.
///
/// Texts are remembered by a 128-bit digest, not kept: a corpus streamed for training must not
/// hold its text (two different texts sharing a digest is astronomically unlikely).
struct DuplicateWarnings {
  let name: String
  private var firstLineOfID: [String: Int] = [:]
  private var firstOfText: [TextDigest: (line: Int, label: String)] = [:]

  init(name: String) { self.name = name }

  /// The warnings for `passages`, the next batch in file order: repeated ids first, then texts.
  mutating func check(_ passages: [LabelledPassage]) -> [CorpusWarning] {
    var warnings: [CorpusWarning] = []
    // An id names one record (classify output, error reports); a repeat makes that ambiguous.
    for passage in passages {
      guard let id = passage.id else { continue }
      if let earlier = firstLineOfID[id] {
        warnings.append(CorpusWarning(file: name, line: passage.line, message: "duplicate id \"\(id)\" (first on line \(earlier))"))
      } else {
        firstLineOfID[id] = passage.line
      }
    }
    for passage in passages where !passage.text.isEmpty {
      let digest = TextDigest(passage.text)
      guard let earlier = firstOfText[digest] else {
        firstOfText[digest] = (passage.line, passage.label)
        continue
      }
      let message =
        earlier.label == passage.label
        ? "duplicate text (same as line \(earlier.line))"
        : "same text as line \(earlier.line) but labelled \"\(passage.label)\" here, \"\(earlier.label)\" there"
      warnings.append(CorpusWarning(file: name, line: passage.line, message: message))
    }
    return warnings
  }
}

/// Two independent 64-bit hashes of a text's UTF-8 bytes (FNV-1a and a multiply-rotate mix),
/// fixed so that runs agree.
struct TextDigest: Hashable {
  let a: UInt64
  let b: UInt64

  init(_ text: String) {
    var a: UInt64 = 0xCBF2_9CE4_8422_2325
    var b: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(text.utf8.count)
    for byte in text.utf8 {
      a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      b = ((b ^ UInt64(byte)) &* 0xD6E8_FEB8_6659_FD93)
      b = b << 29 | b >> 35
    }
    self.a = a
    self.b = b
  }
}
