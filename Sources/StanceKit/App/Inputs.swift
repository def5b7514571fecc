import Foundation

/// How a command reads its inputs, chosen by `--input`.
public enum InputFormat: String, CaseIterable, Sendable {
  /// By name: .jsonl/.ndjson (gzipped or not) are records, .warc/.warc.gz are crawls; standard
  /// input opening with `{` is records; anything else is an article the ingester sniffs.
  case auto
  /// JSON Lines records with "text" (and "id").
  case jsonl
  /// Plain text articles, passages separated by blank lines; no HTML sniffing.
  case text
  /// Articles through the HTML/text ingester (which still sniffs plain text).
  case html
  /// WARC 1.0/1.1 files (plain or gzipped, per record or whole): each HTML `response` is a page.
  case warc
}

/// The inputs of one command: paths expanded by one rule (`DirectoryWalk`), standard input read
/// once, one size limit.
public final class Inputs: @unchecked Sendable {
  /// The largest input accepted, in bytes, also after gzip inflation.
  public let maxBytes: Int
  private let lock = NSLock()
  private var standardInput: [UInt8]?
  /// The first bytes of standard input when only they were read (to tell records from a page).
  private var standardInputHead: [UInt8]?
  /// Bytes read from standard input to tell its kind.
  static let sniffBytes = 1 << 16

  /// Inputs refused past `maxBytes` (default 32 MiB).
  public init(maxBytes: Int = IngestOptions().maxInputBytes) { self.maxBytes = maxBytes }

  /// The display name of a path: `<stdin>` for "-".
  public static func name(_ path: String) -> String { path == "-" ? "<stdin>" : path }

  /// The files under one path: "-", the path itself, or the files below a directory.
  public func expand(_ path: String) throws -> [String] {
    if path == "-" || isURL(path) { return [path] }
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw CommandFailure(.dataError, file: path, "no such file or directory")
    }
    guard (status.st_mode & S_IFMT) == S_IFDIR else { return [path] }
    return try DirectoryWalk.files(under: path)
  }

  /// Standard input's bytes if a command has already read them whole, else nil.
  var standardInputIfRead: [UInt8]? { lock.withLock { standardInput } }

  /// The first bytes of standard input (up to `sniffBytes`), read once.
  func standardInputPrefix() -> [UInt8] {
    lock.withLock {
      if let standardInput { return Array(standardInput.prefix(Self.sniffBytes)) }
      if standardInputHead == nil {
        standardInputHead = [UInt8](FileHandle.standardInput.readData(ofLength: Self.sniffBytes))
      }
      return standardInputHead!
    }
  }

  /// Standard input for a reader that streams the rest itself: the bytes already read, gzip
  /// inflated and whole, or the first bytes and the descriptor after them.
  func standardInputStream() throws -> ByteStream {
    if standardInputIfRead != nil { return ByteStream(bytes: try bytes(of: "-"), name: Self.name("-")) }
    let head = lock.withLock {
      defer { standardInputHead = [] }  // handed over: the stream reads on from here
      return standardInputHead
    }
    guard let head else { return try ByteStream(path: "-") }
    return try ByteStream(standardInputAfter: head)
  }

  /// The bytes of a file or of standard input ("-", read once and kept), gzip inflated.
  public func bytes(of path: String) throws -> [UInt8] {
    var bytes: [UInt8]
    if path == "-" {
      bytes = lock.withLock {
        if standardInput == nil {
          let head = standardInputHead ?? []
          standardInput = head + [UInt8](FileHandle.standardInput.readData(ofLength: max(0, maxBytes + 1 - head.count)))
          standardInputHead = nil
        }
        return standardInput!
      }
      if bytes.count > maxBytes { throw IngestError.tooLarge(source: Self.name(path), limit: maxBytes) }
    } else {
      bytes = try Ingester.readFile(path, limit: maxBytes)
    }
    if Gzip.isGzip(bytes) { bytes = try Gzip.inflate(bytes, limit: maxBytes, source: Self.name(path)) }
    return bytes
  }

  /// Whether `path` holds JSON Lines records under `format`.
  public func isRecords(_ path: String, format: InputFormat) -> Bool {
    switch format {
    case .jsonl: return true
    case .text, .html, .warc: return false
    case .auto:
      var lower = path.lowercased()
      if lower.hasSuffix(".gz") { lower.removeLast(3) }
      if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return true }
      guard path == "-" else { return false }
      // The first bytes decide, so records of any size stream; gzip (or a head of blank space)
      // needs the whole input read first.
      let head = standardInputPrefix()
      if !Gzip.isGzip(head), let first = head.first(where: { $0 > 0x20 }) { return first == UInt8(ascii: "{") }
      guard let bytes = try? bytes(of: path) else { return false }
      return bytes.first { $0 > 0x20 } == UInt8(ascii: "{")
    }
  }
}

/// The one directory walk: every file below a folder, entries sorted at each level, names that
/// start with "." skipped (hidden files, and the temporary files of atomic writes), symbolic links
/// to folders not followed (so a walk always ends).
enum DirectoryWalk {
  static func files(under directory: String) throws -> [String] {
    let entries: [String]
    do {
      entries = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw CommandFailure(.dataError, file: directory, "cannot list the directory")
    }
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    var files: [String] = []
    for entry in entries.sorted() where !entry.hasPrefix(".") {
      let path = base + "/" + entry
      var link = stat()
      var target = stat()
      guard lstat(path, &link) == 0, stat(path, &target) == 0 else { continue }
      if (target.st_mode & S_IFMT) == S_IFDIR {
        if (link.st_mode & S_IFMT) != S_IFLNK { files += try Self.files(under: path) }
      } else {
        files.append(path)
      }
    }
    return files
  }
}
