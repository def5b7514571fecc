import CLibXML2

/// Bytes ready for parsing: transcoded to UTF-8, or left as they are with an encoding libxml2 knows.
enum DecodedInput: Equatable {
  /// UTF-8 text (BOM removed).
  case utf8([UInt8])
  /// Bytes in an encoding we do not transcode ourselves, named as libxml2/iconv spell it.
  case foreign([UInt8], encoding: String)
}

/// Chooses a document's character encoding and transcodes it to UTF-8.
///
/// Order: byte-order mark; then a declared charset (`<meta charset>`, `http-equiv` content type,
/// XML declaration), unless the bytes contradict it; otherwise UTF-8 when the bytes are valid
/// UTF-8, else UTF-8 where it is valid and Windows-1252 for the stray bytes.
///
/// Contradictions are decided by the bytes: valid UTF-8 with non-ASCII bytes is UTF-8 whatever
/// legacy charset the page names, and bytes that are not valid UTF-8 are not UTF-8 even when the
/// page says they are.
enum Decoding {
  /// How far into the document we look for a charset declaration.
  static let declarationScanBytes = 16 * 1024

  /// Decodes `bytes`; `lookForDeclaration` is false for plain text, where markup means nothing;
  /// `outside` is a charset named outside the document (HTTP), used when the page names none.
  static func decode(_ bytes: [UInt8], lookForDeclaration: Bool, outside: String? = nil) -> DecodedInput {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return .utf8(repairUTF8(Array(bytes.dropFirst(3))))
    }
    if bytes.starts(with: [0xFF, 0xFE]) {
      return .utf8(decodeUTF16(bytes.dropFirst(2), bigEndian: false))
    }
    if bytes.starts(with: [0xFE, 0xFF]) {
      return .utf8(decodeUTF16(bytes.dropFirst(2), bigEndian: true))
    }
    let declared = ((lookForDeclaration ? declaredCharset(bytes) : nil) ?? outside).map(canonicalCharset)
    switch declared {
    case .some(.windows1252):
      // Pages often say latin-1 but are UTF-8; a valid multi-byte UTF-8 sequence is
      // practically never real Windows-1252 text, so trust the bytes over the label.
      if hasNonASCII(bytes) && isValidUTF8(bytes) { return .utf8(bytes) }
      return .utf8(decodeWindows1252(bytes))
    case .some(.other(let name)) where libxml2Knows(name):
      // Same reasoning for every legacy label (gb2312, windows-1251, shift_jis …): text in
      // those encodings is almost never valid UTF-8 once it has non-ASCII bytes.
      if hasNonASCII(bytes) && isValidUTF8(bytes) { return .utf8(bytes) }
      return .foreign(bytes, encoding: name)
    default:
      // Declared UTF-8 (or nothing) but invalid: keep the valid UTF-8 sequences and read only
      // the stray bytes as Windows-1252, so a UTF-8 page with a pasted legacy snippet keeps
      // both, and a Windows-1252 page (no valid sequences) comes out as Windows-1252.
      return .utf8(isValidUTF8(bytes) ? bytes : decodeMixed(bytes))
    }
  }

  enum Charset: Equatable {
    case utf8, windows1252, utf16
    case other(String)
  }

  /// Maps a declared label onto the encodings we handle; UTF-16 labels without a BOM are
  /// treated as UTF-8, as browsers do, since the declaration itself was readable as ASCII.
  static func canonicalCharset(_ label: String) -> Charset {
    let name = label.lowercased()
    switch name {
    case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return .utf8
    case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
      "windows-1252", "cp1252", "x-cp1252", "ansi_x3.4-1968", "iso_8859-1", "cp819", "ibm819":
      return .windows1252
    case "utf-16", "utf-16le", "utf-16be", "utf16": return .utf8
    default: return .other(name)
    }
  }

  /// The charset named by a `<meta>` tag or an XML declaration near the start, if any.
  static func declaredCharset(_ bytes: [UInt8]) -> String? {
    let end = min(bytes.count, declarationScanBytes)
    // Lower-case only the head (a plain loop: `map` with a closure is several times slower).
    var head = [UInt8](repeating: 0, count: end)
    bytes.withUnsafeBufferPointer { b in
      head.withUnsafeMutableBufferPointer { h in
        for i in 0..<end {
          let c = b[i]
          h[i] = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
        }
      }
    }
    if head.starts(with: Array("<?xml".utf8)) {
      if let close = firstIndex(of: Array("?>".utf8), in: head, from: 0) {
        if let value = attributeValue(named: Array("encoding".utf8), in: head[0..<close]) {
          return value
        }
      }
    }
    var from = 0
    let charset = Array("charset".utf8)
    while let start = firstMeta(in: head, from: from) {
      let close = head[start...].firstIndex(of: UInt8(ascii: ">")) ?? head.count
      if let at = firstIndex(of: charset, in: Array(head[start..<close]), from: 0).map({ $0 + start }) {
        var i = at + charset.count
        while i < close, head[i] == 0x20 || head[i] == 0x09 || head[i] == 0x0A || head[i] == 0x0D { i += 1 }
        if i < close, head[i] == UInt8(ascii: "=") {
          i += 1
          while i < close, head[i] == 0x20 || head[i] == UInt8(ascii: "\"") || head[i] == UInt8(ascii: "'") { i += 1 }
          var j = i
          while j < close, isCharsetByte(head[j]) { j += 1 }
          if j > i { return String(decoding: head[i..<j], as: UTF8.self) }
        }
      }
      from = close
    }
    return nil
  }

  /// The next "<meta" at or after `from`.
  static func firstMeta(in head: [UInt8], from: Int) -> Int? {
    head.withUnsafeBufferPointer { b in
      var i = from
      while i + 5 <= b.count {
        if b[i] == 0x3C && b[i + 1] == 0x6D && b[i + 2] == 0x65 && b[i + 3] == 0x74 && b[i + 4] == 0x61 {
          return i
        }
        i += 1
      }
      return nil
    }
  }

  private static func isCharsetByte(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x2E
      || b == 0x3A
  }

  private static func attributeValue(named name: [UInt8], in region: ArraySlice<UInt8>) -> String? {
    let array = Array(region)
    guard let at = firstIndex(of: name, in: array, from: 0) else { return nil }
    var i = at + name.count
    while i < array.count, array[i] == 0x20 || array[i] == UInt8(ascii: "=") { i += 1 }
    guard i < array.count, array[i] == UInt8(ascii: "\"") || array[i] == UInt8(ascii: "'") else {
      return nil
    }
    i += 1
    var j = i
    while j < array.count, isCharsetByte(array[j]) { j += 1 }
    return j > i ? String(decoding: array[i..<j], as: UTF8.self) : nil
  }

  static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
    var i = from
    let last = haystack.count - needle.count
    while i <= last {
      if haystack[i] == needle[0] {
        var k = 1
        while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
        if k == needle.count { return i }
      }
      i += 1
    }
    return nil
  }

  static func hasNonASCII(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 >= 0x80 } }

  /// Strict UTF-8 validation (no overlongs, surrogates or code points past U+10FFFF).
  static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { UTF8Text.isValid($0) }
  }

  /// Valid UTF-8 sequences copied as they are, every other non-ASCII byte read as Windows-1252.
  static func decodeMixed(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    bytes.withUnsafeBufferPointer { b in
      var i = 0
      while i < b.count {
        let c = b[i]
        if c < 0x80 {
          out.append(c)
          i += 1
          continue
        }
        let length = UTF8Text.sequenceLength(b, at: i)
        if length > 0 {
          out.append(contentsOf: b[i..<i + length])
          i += length
        } else {
          appendUTF8(c < 0xA0 ? windows1252High[Int(c) - 0x80] : UInt32(c), to: &out)
          i += 1
        }
      }
    }
    return out
  }

  /// Valid UTF-8 stays as it is; otherwise invalid sequences become U+FFFD.
  static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] {
    isValidUTF8(bytes) ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
  }

  static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var i = bytes.startIndex
    while i + 1 < bytes.endIndex {
      let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
      units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
      i += 2
    }
    return Array(String(decoding: units, as: UTF16.self).utf8)
  }

  /// Code points for bytes 0x80–0x9F in Windows-1252; the five undefined bytes map to the
  /// C1 control of the same value, as the WHATWG encoding standard does.
  static let windows1252High: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]

  static func decodeWindows1252(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    for b in bytes {
      if b < 0x80 {
        out.append(b)
        continue
      }
      let scalar = b < 0xA0 ? windows1252High[Int(b) - 0x80] : UInt32(b)
      appendUTF8(scalar, to: &out)
    }
    return out
  }

  static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
    if v < 0x80 {
      out.append(UInt8(v))
    } else if v < 0x800 {
      out.append(UInt8(0xC0 | (v >> 6)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    } else {
      out.append(UInt8(0xE0 | (v >> 12)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    }
  }

  /// True when libxml2 (through iconv) can convert from the named encoding.
  static func libxml2Knows(_ name: String) -> Bool {
    LibXML2.initialize()
    guard let handler = xmlFindCharEncodingHandler(name) else { return false }
    xmlCharEncCloseFunc(handler)
    return true
  }
}
