import Foundation

/// The one ordering of labels and features: lexicographic over UTF-8 bytes.
///
/// Swift's `String <` compares canonically equivalent strings as equal, so it would merge byte
/// sequences the tokenizer keeps apart; byte order is total over what is actually stored.
enum ByteOrder {
  /// Whether `a` sorts before `b` by UTF-8 bytes.
  static func precedes(_ a: String, _ b: String) -> Bool {
    compare(a, b) < 0
  }

  /// Negative, zero or positive as `a` sorts before, equal to or after `b`.
  static func compare(_ a: String, _ b: String) -> Int {
    var a = a
    var b = b
    return a.withUTF8 { a in
      b.withUTF8 { b in
        let common = min(a.count, b.count)
        if common > 0 {
          let result = memcmp(a.baseAddress!, b.baseAddress!, common)
          if result != 0 { return Int(result) }
        }
        return a.count - b.count
      }
    }
  }

  /// The first eight bytes of `string`, big-endian, zero-padded: a prefix key that orders like the bytes.
  static func prefixKey(_ string: String) -> UInt64 {
    var key: UInt64 = 0
    var shift: UInt64 = 56
    for byte in string.utf8.prefix(8) {
      key |= UInt64(byte) << shift
      shift &-= 8
    }
    return key
  }

  /// The indices of `strings` in byte order (stable for equal strings).
  ///
  /// Sorts (prefix key, index) pairs as plain integers first, then orders only the runs that
  /// share a prefix key by their full bytes: most n-grams differ within eight bytes.
  static func sortedIndices(_ strings: [String]) -> [Int] {
    var pairs = strings.indices.map { (key: prefixKey(strings[$0]), index: $0) }
    pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
    var result = pairs.map(\.index)
    var start = 0
    while start < pairs.count {
      var end = start + 1
      while end < pairs.count && pairs[end].key == pairs[start].key { end += 1 }
      if end - start > 1 {
        result[start..<end].sort { i, j in
          let order = compare(strings[i], strings[j])
          return order != 0 ? order < 0 : i < j
        }
      }
      start = end
    }
    return result
  }
}
