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
    string(utf8: value.utf8)
  }

  mutating func string<Bytes: Collection<UInt8>>(utf8 value: Bytes) {
    u32(UInt32(value.count))
    bytes.append(contentsOf: value)
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

  @inline(__always) private mutating func need(_ count: Int) throws(ModelFileError.Reason) {
    guard count >= 0, count <= remaining else { throw .truncated(at: end) }
  }

  mutating func take(_ count: Int) throws(ModelFileError.Reason) -> ArraySlice<UInt8> {
    try need(count)
    defer { offset += count }
    return bytes[offset..<(offset + count)]
  }

  mutating func u8() throws(ModelFileError.Reason) -> UInt8 {
    try need(1)
    defer { offset += 1 }
    return bytes[offset]
  }

  mutating func u32() throws(ModelFileError.Reason) -> UInt32 {
    try need(4)
    let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
    offset += 4
    return UInt32(littleEndian: value)
  }

  mutating func u64() throws(ModelFileError.Reason) -> UInt64 {
    try need(8)
    let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
    offset += 8
    return UInt64(littleEndian: value)
  }

  mutating func f64() throws(ModelFileError.Reason) -> Double { Double(bitPattern: try u64()) }

  mutating func bool(_ field: String) throws(ModelFileError.Reason) -> Bool {
    switch try u8() {
    case 0: return false
    case 1: return true
    case let other: throw .invalid("\(field) flag is \(other), expected 0 or 1")
    }
  }

  /// A length-prefixed string's bytes, refused unless they are valid UTF-8.
  mutating func utf8(_ field: String) throws(ModelFileError.Reason) -> ArraySlice<UInt8> {
    let length = Int(try u32())
    try need(length)
    let start = offset
    offset += length
    let valid = bytes.withUnsafeBufferPointer {
      UTF8Text.isValid(UnsafeBufferPointer(rebasing: $0[start..<(start + length)]))
    }
    guard valid else { throw .invalid("\(field) is not valid UTF-8") }
    return bytes[start..<(start + length)]
  }

  /// `count` length-prefixed strings, each refused unless valid UTF-8, copied end to end into one
  /// array, with each one's start there (and the array's length last).
  ///
  /// One string at a time through `utf8(_:)` and an appending array took 160 instructions a
  /// string, most of loading a 1-2-gram model's 3 million features' bytes.
  mutating func utf8Strings(count: Int, field: String) throws(ModelFileError.Reason) -> (bytes: [UInt8], starts: [Int]) {
    // The lengths first, which checks the bounds and sizes the array exactly.
    var lengths = self
    var byteCount = 0
    for _ in 0..<count {
      let length = Int(try lengths.u32())
      try lengths.need(length)
      lengths.offset += length
      byteCount += length
    }
    var starts = [Int](repeating: 0, count: count + 1)
    var offset = self.offset
    var nonASCII: [Int] = []
    let strings = bytes.withUnsafeBytes { source in
      [UInt8](unsafeUninitializedCapacity: byteCount) { target, initialized in
        for index in 0..<count {
          let length = Int(UInt32(littleEndian: source.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
          offset += 4
          let string = UnsafeBufferPointer(rebasing: source.bindMemory(to: UInt8.self)[offset..<(offset + length)])
          let start = starts[index]
          _ = UnsafeMutableBufferPointer(rebasing: target[start..<(start + length)]).initialize(from: string)
          if !UTF8Text.isASCII(string) { nonASCII.append(index) }
          starts[index + 1] = start + length
          offset += length
        }
        initialized = byteCount
      }
    }
    self.offset = offset
    try strings.withUnsafeBufferPointer { (strings) throws(ModelFileError.Reason) in
      for index in nonASCII where !UTF8Text.isValid(UnsafeBufferPointer(rebasing: strings[starts[index]..<starts[index + 1]])) {
        throw .invalid("\(field) is not valid UTF-8")
      }
    }
    return (strings, starts)
  }

  mutating func string(_ field: String) throws(ModelFileError.Reason) -> String {
    String(decoding: try utf8(field), as: UTF8.self)
  }

  /// A count of elements of `size` bytes each, refused when the remaining bytes cannot hold them.
  mutating func count(_ field: String, elementSize: Int) throws(ModelFileError.Reason) -> Int {
    let count = Int(try u32())
    guard count <= remaining / max(elementSize, 1) else { throw .truncated(at: end) }
    return count
  }
}
