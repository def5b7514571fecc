/// Validates UTF-8 and builds strings from bytes that must be valid UTF-8.
enum UTF8Text {
  /// The string for `bytes`, or nil when they are not valid UTF-8.
  @inline(__always)
  static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    // Validated here once: the standard library's initialisers would validate the bytes again,
    // which took 3-5 % of `classify --input jsonl`.
    let ascii = isASCII(bytes)
    guard ascii || isValid(bytes) else { return nil }
    return unsafe String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes), isKnownASCII: ascii))
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

  /// Strict UTF-8 validation (no overlongs, surrogates or code points past U+10FFFF), with an
  /// eight-bytes-at-a-time path through ASCII runs.
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    var i = 0
    while i < count {
      if i + 8 <= count, UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        i += 8
        continue
      }
      if bytes[i] < 0x80 {
        i += 1
        continue
      }
      let length = sequenceLength(bytes, at: i)
      if length == 0 { return false }
      i += length
    }
    return true
  }

  /// Length of the well-formed multi-byte UTF-8 sequence starting at `i`, or 0 when the bytes
  /// there are not one (the rules of Unicode's table 3-7).
  @inline(__always)
  static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    var need = 0
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    switch b[i] {
    case 0xC2...0xDF: need = 1
    case 0xE0: need = 2; lower = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: need = 2
    case 0xED: need = 2; upper = 0x9F
    case 0xF0: need = 3; lower = 0x90
    case 0xF1...0xF3: need = 3
    case 0xF4: need = 3; upper = 0x8F
    default: return 0
    }
    guard i + need < b.count else { return 0 }
    let second = b[i + 1]
    guard second >= lower && second <= upper else { return 0 }
    var k = 2
    while k <= need {
      guard b[i + k] & 0xC0 == 0x80 else { return 0 }
      k += 1
    }
    return need + 1
  }
}
