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

/// Two independent 64-bit hashes of a text's UTF-8 bytes, eight bytes at a time, fixed so that
/// runs agree (byte at a time, the digest was 9 % of training time).
struct TextDigest: Hashable {
  let a: UInt64
  let b: UInt64

  init(_ text: String) {
    var text = text
    (a, b) = text.withUTF8 { bytes -> (UInt64, UInt64) in
      var a: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
      var b: UInt64 = 0x9E37_79B9_7F4A_7C15
      var offset = 0
      while offset < bytes.count {
        var word: UInt64 = 0
        let count = min(8, bytes.count - offset)
        if count == 8 {
          word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
        } else {
          for index in 0..<count { word |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        }
        a = (a ^ word) &* 0x0000_0100_0000_01B3
        a ^= a >> 29
        b = (b ^ word) &* 0xD6E8_FEB8_6659_FD93
        b = b << 31 | b >> 33
        offset += 8
      }
      return (a ^ a >> 32, b)
    }
  }
}
