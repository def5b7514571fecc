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
  /// The one way the library reads a file whole (corpora, models, label and fold files too).
  /// The bytes are read straight into the array: through Foundation's `Data` they were copied
  /// once more, 113 MB for a 1-2-gram model (and `contents(atPath:)` and `Data(contentsOf:)`
  /// leak a buffer on empty files).
  static func readFile(_ path: String, limit: Int = Int.max - 1) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      let reason =
        switch errno {
        case ENOENT, ENOTDIR: "no such file or directory"
        case EACCES, EPERM: "permission denied or not a regular file"
        case let code: String(cString: strerror(code))
        }
      throw IngestError.unreadable(path: path, reason: reason)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    if status.st_mode & S_IFMT == S_IFDIR { throw IngestError.unreadable(path: path, reason: "is a directory") }
    // One byte past the limit is read so an oversized file is detected without reading it all; a
    // regular file's size sizes the array, and anything else (a pipe, a file still growing)
    // continues in pieces.
    let expected = status.st_mode & S_IFMT == S_IFREG ? min(Int(status.st_size), limit) + 1 : 1 << 16
    var bytes: [UInt8] = []
    var failure: Int32 = 0
    while bytes.count <= limit {
      let room = bytes.isEmpty ? expected : min(max(bytes.count, 1 << 16), limit + 1 - bytes.count)
      let piece = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
        count = 0
        while count < room {
          let got = read(descriptor, buffer.baseAddress! + count, room - count)
          if got > 0 {
            count += got
          } else if got == 0 || errno != EINTR {
            if got < 0 { failure = errno }
            return
          }
        }
      }
      if failure != 0 { throw IngestError.unreadable(path: path, reason: String(cString: strerror(failure))) }
      if bytes.isEmpty { bytes = piece } else { bytes.append(contentsOf: piece) }
      if piece.count < room { break }
    }
    guard bytes.count <= limit else { throw IngestError.tooLarge(source: path, limit: limit) }
    return bytes
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
