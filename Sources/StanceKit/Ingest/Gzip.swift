import CZlib

/// Gzip detection and bounded inflation through zlib.
enum Gzip {
  /// True when `bytes` starts with the gzip magic number, whatever the file is called.
  static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
  }

  /// Inflates a gzip stream (several members allowed), failing as soon as the output passes `limit`
  /// so a gzip bomb costs at most `limit` bytes of memory.
  static func inflate(_ input: [UInt8], limit: Int, source: String) throws -> [UInt8] {
    var stream = z_stream()
    // 15 window bits + 32: let zlib recognise the gzip (or zlib) header itself.
    guard czlib_inflate_init2(&stream, 15 + 32) == Z_OK else {
      throw IngestError.badGzip(source: source, reason: "zlib could not start")
    }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    output.reserveCapacity(min(limit, max(input.count * 4, 1 << 16)))
    let chunkSize = 1 << 16
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    var input = input
    try input.withUnsafeMutableBufferPointer { inBuf in
      stream.next_in = inBuf.baseAddress
      stream.avail_in = UInt32(inBuf.count)
      while true {
        let status: Int32 = chunk.withUnsafeMutableBufferPointer { outBuf in
          stream.next_out = outBuf.baseAddress
          stream.avail_out = UInt32(chunkSize)
          return CZlib.inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunkSize - Int(stream.avail_out)
        if output.count + produced > limit {
          throw IngestError.tooLarge(source: source, limit: limit)
        }
        output.append(contentsOf: chunk[0..<produced])
        switch status {
        case Z_OK:
          if stream.avail_in == 0 && produced == 0 {
            throw IngestError.badGzip(source: source, reason: "truncated stream")
          }
        case Z_STREAM_END:
          // Concatenated members are legal gzip; anything else after the end is ignored.
          guard stream.avail_in >= 2, stream.next_in[0] == 0x1f, stream.next_in[1] == 0x8b else {
            return
          }
          guard inflateReset(&stream) == Z_OK else {
            throw IngestError.badGzip(source: source, reason: "cannot restart for next member")
          }
        case Z_BUF_ERROR:
          if stream.avail_in == 0 {
            throw IngestError.badGzip(source: source, reason: "truncated stream")
          }
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
          throw IngestError.badGzip(source: source, reason: message)
        }
      }
    }
    return output
  }
}
