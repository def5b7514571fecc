/// Builds strings from bytes that must be valid UTF-8, with a cheap path for pure ASCII.
enum UTF8Text {
  /// The string for `bytes`, or nil when they are not valid UTF-8.
  @inline(__always)
  static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    // ASCII is always valid UTF-8, and the generic validating initialiser costs far more.
    if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
  }

  /// Whether every byte is below 0x80, tested eight at a time.
  @inline(__always)
  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var offset = 0
    var high: UInt64 = 0
    if let base = bytes.baseAddress {
      while offset + 8 <= bytes.count {
        high |= UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
        offset += 8
      }
    }
    while offset < bytes.count {
      high |= UInt64(bytes[offset])
      offset += 1
    }
    return high & 0x8080_8080_8080_8080 == 0
  }

  /// Whether `bytes` are valid UTF-8.
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil
  }
}
