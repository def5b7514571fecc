import Foundation

/// One page found in a WARC file: the HTML payload of a `response` record.
public struct WARCPage: Sendable {
  /// The record's `WARC-Target-URI`.
  public var uri: String
  /// The payload: the HTTP body, de-chunked (still gzip if the server sent it so).
  public var body: [UInt8]
  /// The charset the HTTP `Content-Type` header names, if any.
  public var charset: String?
  /// The file offset of the record (of its gzip member, for per-record gzip).
  public var offset: Int
}

/// A WARC record that could not be read, with where it starts.
public struct WARCError: Error, CustomStringConvertible, Sendable {
  /// The WARC file.
  public var file: String
  /// The record's offset in the file.
  public var offset: Int
  /// What was wrong.
  public var reason: String

  /// "file: record at offset N: reason".
  public var description: String { "\(file): record at offset \(offset): \(reason)" }
}

/// Reads WARC 1.0/1.1 files as a stream of pages: plain, gzip per record, or gzip as a whole.
///
/// Only `response` records whose HTTP payload is HTML are pages; every other record (`warcinfo`,
/// `request`, `metadata`, `revisit`, responses that are not HTML or not 2xx) is skipped and
/// counted by reason. A malformed record is returned as an error and reading goes on from the
/// next record; a truncated one ends the file.
public final class WARCReader {
  /// Header lines longer than this are not WARC.
  static let maxHeaderLine = 64 << 10
  /// A record with more header lines than this is not WARC.
  static let maxHeaderLines = 256

  private let stream: ByteStream
  private let maxBytes: Int
  private var finished = false
  /// Records skipped, by reason (e.g. "request", "response not HTML").
  public private(set) var skipped: [String: Int] = [:]
  /// Pages returned so far.
  public private(set) var pages = 0

  /// Opens `path` ("-" is standard input); records over `maxBytes` are reported and skipped.
  public init(path: String, maxBytes: Int) throws {
    stream = try ByteStream(path: path)
    self.maxBytes = maxBytes
  }

  /// Whether `bytes` (a file's first bytes, inflated) start a WARC record.
  public static func looksLikeWARC(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.starts(with: Array("WARC/1.".utf8))
  }

  /// The next page, nil at the end; throws `WARCError` for a bad record (call again to go on).
  public func next() throws -> WARCPage? {
    while !finished {
      guard let start = try nextRecordStart() else {
        finished = true
        return nil
      }
      stream.release(before: start)
      let offset = stream.fileOffset(of: start)
      do {
        let record = try readRecord()
        guard let block = record.block else { continue }  // skipped and counted
        if let page = try page(record.headers, block, offset: offset) { return page }
      } catch let error as IngestError {
        finished = true
        throw WARCError(file: stream.name, offset: offset, reason: error.reason)
      } catch let error as WARCMalformed {
        try resynchronise()
        throw WARCError(file: stream.name, offset: offset, reason: error.reason + "; skipped to the next record")
      }
    }
    return nil
  }

  /// The stream offset of a record whose version line was read while looking for it.
  private var foundStart: Int?

  /// Reads the next record's version line (skipping blank lines); returns where it starts, nil at the end.
  private func nextRecordStart() throws -> Int? {
    if let start = foundStart {
      foundStart = nil
      return start
    }
    while true {
      let offset = stream.position
      guard let line = try stream.line(limit: Self.maxHeaderLine) else { return nil }
      if line.allSatisfy({ $0 == 0x0D || $0 == 0x0A }) { continue }
      if Self.looksLikeWARC(line) { return offset }
      // Not a record start: report where the damage was, and go on from the next record.
      try resynchronise()
      throw WARCError(
        file: stream.name, offset: stream.fileOffset(of: offset),
        reason: "expected a WARC/1.0 or WARC/1.1 record; skipped to the next record")
    }
  }

  /// Reads lines until one starts a record, which is read next.
  private func resynchronise() throws {
    while true {
      let offset = stream.position
      guard let line = try stream.line(limit: Self.maxHeaderLine) else {
        finished = true
        return
      }
      if Self.looksLikeWARC(line) {
        foundStart = offset
        return
      }
    }
  }

  /// One record's headers and (for kept records) block; the version line has been read.
  private func readRecord() throws -> (headers: [String: String], block: ArraySlice<UInt8>?) {
    var headers: [String: String] = [:]
    var lines = 0
    while true {
      guard let line = try stream.line(limit: Self.maxHeaderLine) else {
        throw IngestError.unreadable(path: stream.name, reason: "truncated record (headers cut off)")
      }
      if line.allSatisfy({ $0 == 0x0D || $0 == 0x0A }) { break }
      lines += 1
      guard lines <= Self.maxHeaderLines, let (name, value) = HTTPMessage.field(line) else {
        throw WARCMalformed(reason: "bad header line")
      }
      headers[name] = value
    }
    guard let lengthText = headers["content-length"], let length = Int(lengthText), length >= 0 else {
      throw WARCMalformed(reason: "missing or bad Content-Length")
    }
    let type = headers["warc-type"] ?? "(no WARC-Type)"
    let keep = type == "response" && length <= maxBytes
    if !keep {
      skipped[length > maxBytes && type == "response" ? "response over --max-bytes" : type, default: 0] += 1
      if try stream.skip(length) < length { throw IngestError.unreadable(path: stream.name, reason: "truncated record (block cut off)") }
      return (headers, nil)
    }
    let block = try stream.read(length)
    if block.count < length { throw IngestError.unreadable(path: stream.name, reason: "truncated record (block cut off)") }
    return (headers, block)
  }

  /// The page in a response record's HTTP message, or nil (counted) when it is not an HTML 2xx page.
  private func page(_ headers: [String: String], _ block: ArraySlice<UInt8>, offset: Int) throws -> WARCPage? {
    guard let http = HTTPMessage(block) else {
      throw WARCError(file: stream.name, offset: offset, reason: "response record without an HTTP response")
    }
    guard (200..<300).contains(http.status) else {
      skipped["response \(http.status / 100)xx", default: 0] += 1
      return nil
    }
    let type = http.header("content-type")?.lowercased() ?? ""
    guard type.isEmpty || type.contains("html") else {
      skipped["response not HTML", default: 0] += 1
      return nil
    }
    pages += 1
    return WARCPage(uri: headers["warc-target-uri"] ?? "\(stream.name)@\(offset)", body: http.body, charset: http.charset, offset: offset)
  }
}

/// A record that breaks the format (reported, and reading goes on).
private struct WARCMalformed: Error {
  var reason: String
}

/// The parts of an HTTP response the ingester needs.
struct HTTPMessage {
  var status: Int
  var headers: [(String, String)]
  var body: [UInt8]

  /// Parses a status line, headers and body; nil when it is not an HTTP response.
  init?(_ bytes: ArraySlice<UInt8>) {
    var index = bytes.startIndex
    func nextLine() -> ArraySlice<UInt8>? {
      guard index < bytes.endIndex else { return nil }
      let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
      var line = bytes[index..<end]
      index = min(end + 1, bytes.endIndex)
      if line.last == 0x0D { line = line.dropLast() }
      return line
    }
    guard let statusLine = nextLine(), statusLine.starts(with: Array("HTTP/".utf8)) else { return nil }
    let parts = String(decoding: statusLine, as: UTF8.self).split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, let code = Int(parts[1]) else { return nil }
    var fields: [(String, String)] = []
    while let line = nextLine(), !line.isEmpty {
      if let field = Self.field(line) { fields.append(field) }
    }
    let rest = bytes[index...]
    let chunked = fields.last { $0.0 == "transfer-encoding" }?.1.lowercased().contains("chunked") == true
    status = code
    headers = fields
    body = chunked ? Self.dechunk(rest) : Array(rest)
  }

  /// A `Name: value` header line (WARC and HTTP share the form) as a lower-case name and a
  /// trimmed value; nil without a colon.
  static func field(_ line: ArraySlice<UInt8>) -> (String, String)? {
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    return (
      String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased(),
      String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// The last value of a header (names are lower-case).
  func header(_ name: String) -> String? { headers.last { $0.0 == name }?.1 }

  /// The `charset` parameter of `Content-Type`.
  var charset: String? {
    guard let type = header("content-type") else { return nil }
    for parameter in type.split(separator: ";").dropFirst() {
      let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      if pair.count == 2, pair[0].lowercased() == "charset" {
        return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
      }
    }
    return nil
  }

  /// The body of a chunked transfer: each chunk's data, up to the zero chunk (or the end).
  static func dechunk(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    var index = bytes.startIndex
    while index < bytes.endIndex {
      guard let end = bytes[index...].firstIndex(of: 0x0A) else { break }
      let sizeText = String(decoding: bytes[index..<end], as: UTF8.self)
        .split(separator: ";").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      guard let size = Int(sizeText, radix: 16), size > 0 else { break }
      let dataStart = end + 1
      let dataEnd = min(dataStart + size, bytes.endIndex)
      output += bytes[dataStart..<dataEnd]
      index = dataEnd
      // The CRLF after each chunk's data.
      while index < bytes.endIndex && (bytes[index] == 0x0D || bytes[index] == 0x0A) && index < dataEnd + 2 { index += 1 }
    }
    return output
  }
}
