import Foundation

/// Turns a document (HTML, plain text, gzip of either) into an `Article`.
public enum Ingester {
  /// Sniffs gzip, HTML vs plain text vs binary; `source` is the name used in output and errors.
  public static func ingest(bytes: [UInt8], source: String, options: IngestOptions = .init()) throws
    -> Article
  {
    let limit = options.maxInputBytes
    guard bytes.count <= limit else { throw IngestError.tooLarge(source: source, limit: limit) }
    var data = bytes
    if Gzip.isGzip(data) { data = try Gzip.inflate(data, limit: limit, source: source) }
    if let kind = InputKind.binaryKind(rawBytes: data) {
      throw IngestError.binary(source: source, kind: kind)
    }
    guard data.contains(where: { !TextIngestSupport.isASCIISpace($0) }) else {
      throw IngestError.empty(source: source)
    }
    let isHTML = InputKind.looksLikeHTML(data, source: source)
    let decoded = Decoding.decode(data, lookForDeclaration: isHTML, outside: options.charset)
    switch decoded {
    case .utf8(let utf8):
      if let kind = InputKind.binaryKind(decodedUTF8: utf8) {
        throw IngestError.binary(source: source, kind: kind)
      }
      guard utf8.contains(where: { !TextIngestSupport.isASCIISpace($0) }) else {
        throw IngestError.empty(source: source)
      }
      if isHTML { return try HTMLIngest.extract(utf8, encoding: "UTF-8", source: source) }
      let text = String(decoding: utf8, as: UTF8.self)
      var (title, blocks) = TextIngest.extract(text)
      if blocks.isEmpty {
        // A text that is all title or boilerplate by the rules (a fragment such as "troops
        // home") is still the user's text: an empty extraction from text is never the answer.
        title = nil
        blocks = TextIngest.blankLineParagraphs(text).map { ContentBlock(text: $0, heading: false) }
      }
      return Article(source: source, title: title, passages: PassageSplitter.passages(from: blocks))
    case .foreign(let raw, let encoding):
      if raw.prefix(InputKind.sniffBytes).contains(0) {
        throw IngestError.binary(source: source, kind: "NUL bytes in text")
      }
      return try HTMLIngest.extract(raw, encoding: encoding, source: source)
    }
  }

  /// Reads and ingests one file; files over the limit are refused before they are read.
  public static func ingest(fileAt path: String, options: IngestOptions = .init()) throws -> Article {
    let bytes = try readFile(path, limit: options.maxInputBytes)
    return try ingest(bytes: bytes, source: path, options: options)
  }

  /// Reads a whole file, refusing directories, unreadable files and files over `limit`.
  ///
  /// The one way the library reads a file whole (corpora, models, label and fold files too):
  /// Foundation's `contents(atPath:)` and `Data(contentsOf:)` leak a buffer on empty files.
  static func readFile(_ path: String, limit: Int = Int.max - 1) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw IngestError.unreadable(path: path, reason: "no such file or directory")
    }
    if isDirectory.boolValue { throw IngestError.unreadable(path: path, reason: "is a directory") }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw IngestError.unreadable(path: path, reason: "permission denied or not a regular file")
    }
    defer { try? handle.close() }
    do {
      // Read one byte past the limit so an oversized file is detected without reading it all.
      let data = try handle.read(upToCount: limit + 1) ?? Data()
      guard data.count <= limit else { throw IngestError.tooLarge(source: path, limit: limit) }
      return [UInt8](data)
    } catch let error as IngestError {
      throw error
    } catch {
      throw IngestError.unreadable(path: path, reason: error.localizedDescription)
    }
  }
}

enum TextIngestSupport {
  @inline(__always) static func isASCIISpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C
  }
}

/// The HTML path: parse, flatten, read metadata, choose the content, split into passages.
enum HTMLIngest {
  static func extract(_ bytes: [UInt8], encoding: String, source: String) throws -> Article {
    let tree: DocumentTree
    do {
      let document = try HTMLDocument.parse(bytes, encoding: encoding, source: source)
      tree = DocumentTree.build(from: document)
    }
    let meta = Metadata.read(tree.meta)
    let blocks = MainContent.extract(from: tree, title: meta.title, declaredBody: meta.articleBody)
    return Article(
      source: source, title: meta.title, authors: meta.authors, date: meta.date,
      siteName: meta.siteName, language: meta.language, url: meta.url, isOpinion: meta.isOpinion,
      passages: PassageSplitter.passages(from: blocks))
  }
}
