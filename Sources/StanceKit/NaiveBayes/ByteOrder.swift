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

  /// The indices of `strings` in byte order (stable for equal strings).
  static func sortedIndices(_ strings: [String]) -> [Int] {
    var arena: [UInt8] = []
    var starts = [0]
    for string in strings {
      arena.append(contentsOf: string.utf8)
      starts.append(arena.count)
    }
    return sortedIndices(arena: arena, starts: starts)
  }

  /// The indices of the byte strings `arena[starts[i]..<starts[i + 1]]` in byte order (stable).
  ///
  /// Sorts (prefix key, index) pairs as plain integers first, then orders only the runs that
  /// share an eight-byte prefix by their full bytes: most n-grams differ early.
  static func sortedIndices(arena: [UInt8], starts: [Int]) -> [Int] {
    let count = starts.count - 1
    return arena.withUnsafeBufferPointer { base in
      var pairs = [(key: UInt64, index: Int)]()
      pairs.reserveCapacity(count)
      for index in 0..<count {
        var key: UInt64 = 0
        var shift: UInt64 = 56
        for offset in starts[index]..<min(starts[index + 1], starts[index] + 8) {
          key |= UInt64(base[offset]) << shift
          shift &-= 8
        }
        pairs.append((key, index))
      }
      pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
      var result = pairs.map(\.index)
      func compare(_ i: Int, _ j: Int) -> Int {
        let a = starts[i]
        let b = starts[j]
        let lengthA = starts[i + 1] - a
        let lengthB = starts[j + 1] - b
        let common = min(lengthA, lengthB)
        if common > 0 {
          let order = memcmp(base.baseAddress! + a, base.baseAddress! + b, common)
          if order != 0 { return Int(order) }
        }
        return lengthA - lengthB
      }
      var start = 0
      while start < count {
        var end = start + 1
        while end < count && pairs[end].key == pairs[start].key { end += 1 }
        if end - start > 1 {
          result[start..<end].sort { i, j in
            let order = compare(i, j)
            return order != 0 ? order < 0 : i < j
          }
        }
        start = end
      }
      return result
    }
  }
}
