/// What a byte stream holds, judged from its first bytes.
enum InputKind {
  /// Magic numbers of common binary formats that must never be parsed as text.
  static let binarySignatures: [(bytes: [UInt8], kind: String)] = [
    ([0x89, 0x50, 0x4E, 0x47], "PNG image"), ([0x47, 0x49, 0x46, 0x38], "GIF image"),
    ([0xFF, 0xD8, 0xFF], "JPEG image"), ([0x25, 0x50, 0x44, 0x46], "PDF document"),
    ([0x50, 0x4B, 0x03, 0x04], "ZIP archive"), ([0x50, 0x4B, 0x05, 0x06], "ZIP archive"),
    ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"), ([0x37, 0x7A, 0xBC, 0xAF], "7-Zip archive"),
    ([0x42, 0x5A, 0x68], "bzip2 data"), ([0xFD, 0x37, 0x7A, 0x58, 0x5A], "xz data"),
    ([0x28, 0xB5, 0x2F, 0xFD], "zstd data"), ([0x4F, 0x67, 0x67, 0x53], "Ogg media"),
    ([0x49, 0x44, 0x33], "MP3 audio"), ([0x00, 0x61, 0x73, 0x6D], "WebAssembly"),
    ([0x52, 0x49, 0x46, 0x46], "RIFF media"), ([0xD0, 0xCF, 0x11, 0xE0], "OLE document"),
    (Array("SQLite format 3".utf8), "SQLite database"), ([0x1A, 0x45, 0xDF, 0xA3], "Matroska media"),
    ([0x49, 0x49, 0x2A, 0x00], "TIFF image"), ([0x4D, 0x4D, 0x00, 0x2A], "TIFF image"),
  ]

  /// How many leading bytes are checked for NULs and control characters.
  static let sniffBytes = 1024
  /// Share of control characters (other than tab, CR, LF, FF) above which text is called binary;
  /// real text has almost none, binary data about one in eight.
  static let maxControlShare = 0.05

  /// The binary format `bytes` looks like, or nil for text.
  static func binaryKind(rawBytes bytes: [UInt8]) -> String? {
    for (signature, kind) in binarySignatures where bytes.starts(with: signature) { return kind }
    if bytes.count >= 12, bytes[4..<8].elementsEqual(Array("ftyp".utf8)) { return "MP4 media" }
    return nil
  }

  /// Checks decoded UTF-8 for NULs or many control characters in its first kilobyte.
  static func binaryKind(decodedUTF8 bytes: [UInt8]) -> String? {
    let head = bytes.prefix(sniffBytes)
    var controls = 0
    for b in head {
      if b == 0 { return "NUL bytes in text" }
      if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { controls += 1 }
    }
    if !head.isEmpty && Double(controls) / Double(head.count) > maxControlShare {
      return "control characters in text"
    }
    return nil
  }

  /// Tags whose presence near the start marks a document as HTML rather than plain text.
  static let htmlMarkers: [[UInt8]] = [
    "<!doctype", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<article",
    "<br", "<span", "<a href", "<h1", "<h2", "<table", "<ul", "<script", "<?xml", "<!--",
  ].map { Array($0.utf8) }

  /// How far into a document we look for HTML markers.
  static let markupScanBytes = 8 * 1024

  /// Decides HTML vs plain text from the file name first, then from markup near the start.
  static func looksLikeHTML(_ bytes: [UInt8], source: String) -> Bool {
    var lower = source.lowercased()
    if lower.hasSuffix(".gz") { lower.removeLast(3) }
    for ext in [".txt", ".text", ".md"] where lower.hasSuffix(ext) { return false }
    for ext in [".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"] where lower.hasSuffix(ext) {
      return true
    }
    let head = bytes.prefix(markupScanBytes).map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }
    var firstNonSpace = 0
    while firstNonSpace < head.count, head[firstNonSpace] <= 0x20 { firstNonSpace += 1 }
    if firstNonSpace < head.count, head[firstNonSpace] == UInt8(ascii: "<") { return true }
    for marker in htmlMarkers where Decoding.firstIndex(of: marker, in: head, from: 0) != nil {
      return true
    }
    return false
  }
}
