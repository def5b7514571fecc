import CZlib
import Foundation

/// A file (or standard input) read in blocks, inflated on the fly when it is gzip, so inputs of
/// any size are read in bounded memory.
///
/// Gzip members follow one another as one stream (WARC files gzip each record as its own member);
/// where each member starts in the file is remembered, so a position in the stream can be told as
/// the file offset users can seek to.
final class ByteStream {
  /// Bytes read from the file at a time.
  static let blockSize = 1 << 16

  private let descriptor: Int32
  private let ownsDescriptor: Bool
  let name: String
  private var buffer: [UInt8] = []
  private var start = 0
  /// Stream offset of `buffer[start]`.
  private(set) var position = 0
  private var atEnd = false
  private var gzip: GzipState?
  /// (stream offset, file offset) where each gzip member starts, oldest first.
  private var members: [(stream: Int, file: Int)] = []

  /// Opens `path` ("-" is standard input); gzip is recognised by its magic number.
  init(path: String) throws {
    name = path == "-" ? "<stdin>" : path
    if path == "-" {
      descriptor = STDIN_FILENO
      ownsDescriptor = false
    } else {
      var status = stat()
      guard stat(path, &status) == 0 else { throw IngestError.unreadable(path: path, reason: "no such file or directory") }
      if (status.st_mode & S_IFMT) == S_IFDIR { throw IngestError.unreadable(path: path, reason: "is a directory") }
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else { throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno))) }
      ownsDescriptor = true
    }
    try start(with: try readRaw(2))
  }

  /// Takes the first bytes read: the start of a gzip stream, or of plain data.
  private func start(with head: [UInt8]) throws {
    if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B {
      gzip = try GzipState(source: name)
      gzip!.add(head)
      members.append((0, 0))
    } else {
      buffer = head
    }
  }

  /// Standard input, whose first bytes `head` were already read (to sniff its kind).
  init(standardInputAfter head: [UInt8]) throws {
    name = "<stdin>"
    descriptor = STDIN_FILENO
    ownsDescriptor = false
    try start(with: head)
  }

  /// A stream over bytes already in memory (standard input that was read to sniff its kind).
  init(bytes: [UInt8], name: String) {
    self.name = name
    descriptor = -1
    ownsDescriptor = false
    buffer = bytes
    atEnd = true
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// Whether the file is gzip.
  var isGzip: Bool { gzip != nil }

  /// The file offset of the record that starts at stream offset `offset`: the start of its gzip
  /// member, or the offset itself for a plain file.
  func fileOffset(of offset: Int) -> Int {
    guard gzip != nil else { return offset }
    var best = 0
    for member in members where member.stream <= offset { best = member.file }
    return best
  }

  /// Forgets member starts before `offset` (no record before it will be reported again).
  func release(before offset: Int) {
    if let keep = members.lastIndex(where: { $0.stream <= offset }), keep > 0 { members.removeFirst(keep) }
  }

  /// The next line, up to and including its "\n" (at most `limit` bytes); nil at the end.
  func line(limit: Int) throws -> ArraySlice<UInt8>? {
    var scanned = 0
    while true {
      if let newline = Self.newline(in: buffer, from: start + scanned) {
        return take(newline + 1 - start)
      }
      scanned = buffer.count - start
      if scanned >= limit { return take(scanned) }
      if try !fill() { return scanned == 0 ? nil : take(scanned) }
    }
  }

  /// The index of the first "\n" of `bytes` from `offset`. `memchr` reads many bytes at a time;
  /// the generic `firstIndex(of:)` took five instructions a byte, 3 % of classifying JSONL.
  private static func newline(in bytes: [UInt8], from offset: Int) -> Int? {
    bytes.withUnsafeBufferPointer { buffer in
      guard offset < buffer.count, let base = buffer.baseAddress,
        let found = memchr(base + offset, 0x0A, buffer.count - offset)
      else { return nil }
      return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
  }

  /// Up to `count` bytes (fewer only at the end).
  func read(_ count: Int) throws -> ArraySlice<UInt8> {
    while buffer.count - start < count, try fill() {}
    return take(min(count, buffer.count - start))
  }

  /// Skips up to `count` bytes without keeping them; returns how many were skipped.
  func skip(_ count: Int) throws -> Int {
    var left = count
    while left > 0 {
      if buffer.count == start, try !fill() { break }
      let n = min(left, buffer.count - start)
      _ = take(n)
      left -= n
    }
    return count - left
  }

  private func take(_ count: Int) -> ArraySlice<UInt8> {
    let slice = buffer[start..<(start + count)]
    start += count
    position += count
    return slice
  }

  /// Appends one more block of (inflated) bytes; false at the end of the file.
  private func fill() throws -> Bool {
    if start > 0 && start >= buffer.count / 2 {
      buffer.removeFirst(start)
      start = 0
    }
    if atEnd { return false }
    guard gzip != nil else {
      let block = try readRaw(Self.blockSize)
      if block.isEmpty { atEnd = true }
      buffer += block
      return !block.isEmpty
    }
    while true {
      if gzip!.unread == 0 {
        gzip!.add(try readRaw(Self.blockSize))
        if gzip!.unread == 0 {
          atEnd = true
          if gzip!.inMember { throw IngestError.badGzip(source: name, reason: "truncated stream") }
          return false
        }
      }
      let streamOffset = position + (buffer.count - start)
      let (output, memberEnded) = try gzip!.inflate(name: name)
      buffer += output
      if memberEnded {
        if gzip!.unread < 2 { gzip!.add(try readRaw(Self.blockSize)) }
        // Bytes after the last member that do not start another (padding) are not data.
        guard gzip!.unread >= 2, gzip!.unreadByte(0) == 0x1F, gzip!.unreadByte(1) == 0x8B else {
          atEnd = true
          return !output.isEmpty
        }
        // The next member starts right after this one in the file.
        members.append((streamOffset + output.count, gzip!.consumed))
      }
      if !output.isEmpty { return true }
    }
  }

  private func readRaw(_ count: Int) throws -> [UInt8] {
    var block = [UInt8](repeating: 0, count: count)
    var got = 0
    while got < count {
      let n = block.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + got, count - got) }
      if n < 0 {
        if errno == EINTR { continue }
        throw IngestError.unreadable(path: name, reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      got += n
    }
    block.removeLast(count - got)
    return block
  }
}

/// zlib's state for a gzip stream of any number of members.
///
/// A class holding the `z_stream` at a fixed address: zlib keeps a pointer back to it and refuses
/// a stream that has moved, which a struct copied by Swift would do.
private final class GzipState {
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  /// Compressed bytes read, of which `pending[pendingStart...]` are not yet inflated. An index
  /// instead of removing inflated bytes: each member of a WARC file moved the rest of the block.
  private var pending: [UInt8] = []
  private var pendingStart = 0
  /// Compressed bytes inflated so far: the file offset of the next unread compressed byte.
  private(set) var consumed = 0
  /// Whether a member has started and not ended.
  private(set) var inMember = false

  init(source: String) throws {
    stream.initialize(to: z_stream())
    guard czlib_inflate_init2(stream, 15 + 32) == Z_OK else {
      stream.deallocate()
      throw IngestError.badGzip(source: source, reason: "zlib could not start")
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
  }

  /// Compressed bytes not yet inflated.
  var unread: Int { pending.count - pendingStart }

  /// Byte `index` of those not yet inflated.
  func unreadByte(_ index: Int) -> UInt8 { pending[pendingStart + index] }

  /// Adds compressed bytes after those not yet inflated.
  func add(_ bytes: [UInt8]) {
    if unread == 0 {
      pending = bytes
    } else {
      pending = Array(pending[pendingStart...]) + bytes
    }
    pendingStart = 0
  }

  /// Inflates some of the unread bytes; says whether a member ended (the next one is then ready
  /// to start).
  func inflate(name: String) throws -> ([UInt8], Bool) {
    var status: Int32 = Z_OK
    var used = 0
    // Uninitialised: zlib writes what it produces, and zeroing 64 KiB per call took 1 % of
    // classifying a crawl.
    let output = [UInt8](unsafeUninitializedCapacity: ByteStream.blockSize) { out, produced in
      let start = pendingStart
      pending.withUnsafeMutableBufferPointer { input in
        let available = input.count - start
        stream.pointee.next_in = input.baseAddress.map { $0 + start }
        stream.pointee.avail_in = UInt32(available)
        stream.pointee.next_out = out.baseAddress
        stream.pointee.avail_out = UInt32(out.count)
        status = CZlib.inflate(stream, Z_NO_FLUSH)
        used = available - Int(stream.pointee.avail_in)
      }
      produced = out.count - Int(stream.pointee.avail_out)
    }
    pendingStart += used
    consumed += used
    switch status {
    case Z_OK, Z_BUF_ERROR:
      inMember = true
      return (output, false)
    case Z_STREAM_END:
      inMember = false
      guard inflateReset(stream) == Z_OK else {
        throw IngestError.badGzip(source: name, reason: "cannot restart for the next member")
      }
      return (output, true)
    default:
      let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
      throw IngestError.badGzip(source: name, reason: message)
    }
  }
}
