/// Builds strings from bytes that must be valid UTF-8, with a cheap path for pure ASCII.
enum UTF8Text {
  /// The string for `bytes`, or nil when they are not valid UTF-8.
  @inline(__always)
  static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var ascii = true
    for byte in bytes where byte >= 0x80 {
      ascii = false
      break
    }
    // ASCII is always valid UTF-8, and the generic validating initialiser costs far more.
    if ascii { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
  }

  /// Whether `bytes` are valid UTF-8.
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in bytes where byte >= 0x80 {
      return String(validating: bytes, as: UTF8.self) != nil
    }
    return true
  }
}
