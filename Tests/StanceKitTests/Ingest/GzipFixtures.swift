/// Builds gzip streams for tests without a compressor: stored blocks for real files, and a
/// fixed-Huffman stream of back-references for a bomb that inflates far past any limit.
enum GzipFixtures {
  static let header: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
      crc ^= UInt32(b)
      for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
    }
    return ~crc
  }

  static func littleEndian(_ v: UInt32) -> [UInt8] {
    [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)]
  }

  /// A valid gzip file holding `data` in stored (uncompressed) deflate blocks.
  static func gzip(_ data: [UInt8]) -> [UInt8] {
    var out = header
    var offset = 0
    repeat {
      let n = min(65_535, data.count - offset)
      let final: UInt8 = offset + n == data.count ? 1 : 0
      out.append(final)
      out += [UInt8(n & 0xff), UInt8(n >> 8), UInt8(~n & 0xff), UInt8((~n >> 8) & 0xff)]
      out += data[offset..<offset + n]
      offset += n
    } while offset < data.count
    out += littleEndian(crc32(data)) + littleEndian(UInt32(truncatingIfNeeded: data.count))
    return out
  }

  /// Writes deflate bits least-significant first; Huffman codes go in most-significant first.
  struct BitWriter {
    var bytes: [UInt8] = []
    var bitCount = 0
    mutating func write(_ value: UInt32, bits: Int) {
      for i in 0..<bits { pushBit((value >> UInt32(i)) & 1) }
    }
    mutating func writeCode(_ code: UInt32, bits: Int) {
      for i in stride(from: bits - 1, through: 0, by: -1) { pushBit((code >> UInt32(i)) & 1) }
    }
    mutating func pushBit(_ bit: UInt32) {
      if bitCount % 8 == 0 { bytes.append(0) }
      bytes[bytes.count - 1] |= UInt8(bit) << UInt8(bitCount % 8)
      bitCount += 1
    }
  }

  /// A gzip stream that inflates to about `size` bytes of "a" from a few hundred KB or less
  /// (258 bytes per 13-bit back-reference); the trailer is deliberately wrong, so only a
  /// reader that stops at its limit ever returns.
  static func bomb(inflatedSize size: Int) -> [UInt8] {
    var w = BitWriter()
    w.write(1, bits: 1)  // final block
    w.write(1, bits: 2)  // fixed Huffman
    w.writeCode(0x30 + 0x61, bits: 8)  // literal "a" (literals 0-143: 0x30 + value, 8 bits)
    for _ in 0..<(size / 258) {
      w.writeCode(0b1100_0101, bits: 8)  // length code 285 = 258 bytes (codes 280-287: 8 bits)
      w.writeCode(0, bits: 5)  // distance code 0 = distance 1
    }
    w.writeCode(0, bits: 7)  // end of block (256)
    return header + w.bytes + [0, 0, 0, 0, 0, 0, 0, 0]
  }
}
