@preconcurrency import CLibXML2

/// One-time libxml2 set-up shared by every parse.
enum LibXML2 {
  private static let once: Void = { xmlInitParser() }()

  /// Initialises the parser once per process and silences error output on the calling thread.
  static func initialize() {
    _ = once
    // libxml2 keeps error handlers per thread; a structured no-op handler takes precedence
    // over the generic one, so nothing reaches stderr from any worker thread.
    xmlSetStructuredErrorFunc(nil, { _, _ in })
  }

  /// HTML parser options: recover from bad markup, stay quiet, never touch the network, and
  /// ignore in-document charset hints because the encoding was already decided by `Decoding`.
  /// No HTML_PARSE_NOBLANKS (it would join words across inline tags), and never XML_PARSE_NOENT
  /// or DTD loading, so entities are not substituted and no external file is ever read.
  static let parseOptions = Int32(
    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
      | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
}

/// The sole owner of one parsed libxml2 HTML document; the tree is freed exactly once, in `deinit`.
///
/// Node pointers handed to `withRoot` are only valid inside the closure.
final class HTMLDocument {
  private let doc: htmlDocPtr

  private init(doc: htmlDocPtr) { self.doc = doc }

  deinit { xmlFreeDoc(doc) }

  /// Parses `bytes` in `encoding` (an encoding name libxml2 knows, normally "UTF-8").
  static func parse(_ bytes: [UInt8], encoding: String = "UTF-8", source: String) throws
    -> HTMLDocument
  {
    LibXML2.initialize()
    guard !bytes.isEmpty, bytes.count < Int(Int32.max) else {
      throw IngestError.unparsable(source: source)
    }
    let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, encoding, LibXML2.parseOptions)
      }
    }
    guard let parsed else { throw IngestError.unparsable(source: source) }
    return HTMLDocument(doc: parsed)
  }

  /// Runs `body` with the document node; pointers must not outlive the call.
  func withDocumentNode<R>(_ body: (xmlNodePtr) throws -> R) rethrows -> R {
    try withExtendedLifetime(self) {
      try doc.withMemoryRebound(to: xmlNode.self, capacity: 1) { try body($0) }
    }
  }
}
