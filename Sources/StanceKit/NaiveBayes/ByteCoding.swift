/// Appends little-endian fields to a byte array, whatever the host byte order.
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func u8(_ value: UInt8) { bytes.append(value) }

  mutating func u32(_ value: UInt32) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func u64(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func f64(_ value: Double) { u64(value.bitPattern) }

  mutating func string(_ value: String) {
    u32(UInt32(value.utf8.count))
    bytes.append(contentsOf: value.utf8)
  }
}

/// Reads little-endian fields with a bounds check on every read; never traps on bad input.
struct ByteReader {
  let bytes: [UInt8]
  let end: Int
  private(set) var offset: Int

  init(_ bytes: [UInt8], from offset: Int = 0, end: Int? = nil) {
    self.bytes = bytes
    self.offset = offset
    self.end = end ?? bytes.count
  }

  var remaining: Int { end - offset }

  mutating func take(_ count: Int) throws(ModelFileError.Reason) -> ArraySlice<UInt8> {
    guard count >= 0, count <= remaining else { throw .truncated(at: end) }
    defer { offset += count }
    return bytes[offset..<(offset + count)]
  }

  mutating func u8() throws(ModelFileError.Reason) -> UInt8 { try take(1).first! }

  mutating func u32() throws(ModelFileError.Reason) -> UInt32 {
    var value: UInt32 = 0
    for (shift, byte) in try take(4).enumerated() { value |= UInt32(byte) << (8 * shift) }
    return value
  }

  mutating func u64() throws(ModelFileError.Reason) -> UInt64 {
    var value: UInt64 = 0
    for (shift, byte) in try take(8).enumerated() { value |= UInt64(byte) << (8 * shift) }
    return value
  }

  mutating func f64() throws(ModelFileError.Reason) -> Double { Double(bitPattern: try u64()) }

  mutating func bool(_ field: String) throws(ModelFileError.Reason) -> Bool {
    switch try u8() {
    case 0: return false
    case 1: return true
    case let other: throw .invalid("\(field) flag is \(other), expected 0 or 1")
    }
  }

  mutating func string(_ field: String) throws(ModelFileError.Reason) -> String {
    let length = Int(try u32())
    let slice = try take(length)
    guard let value = String(validating: slice, as: UTF8.self) else {
      throw .invalid("\(field) is not valid UTF-8")
    }
    return value
  }

  /// A count of elements of `size` bytes each, refused when the remaining bytes cannot hold them.
  mutating func count(_ field: String, elementSize: Int) throws(ModelFileError.Reason) -> Int {
    let count = Int(try u32())
    guard count <= remaining / max(elementSize, 1) else { throw .truncated(at: end) }
    return count
  }
}
