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
    return a.withUTF8 { a in b.withUTF8 { b in compare(a, b) } }
  }

  /// Negative, zero or positive as the bytes `a` sort before, equal to or after `b`.
  static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let common = min(a.count, b.count)
    if common > 0 {
      let result = memcmp(a.baseAddress!, b.baseAddress!, common)
      if result != 0 { return Int(result) }
    }
    return a.count - b.count
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
      var keys = [UInt64](repeating: 0, count: count)
      for index in 0..<count {
        var key: UInt64 = 0
        var shift: UInt64 = 56
        for offset in starts[index]..<min(starts[index + 1], starts[index] + 8) {
          key |= UInt64(base[offset]) << shift
          shift &-= 8
        }
        keys[index] = key
      }
      var result = sortedByKey(keys)
      let sortedKeys = result.map { keys[$0] }
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
        while end < count && sortedKeys[end] == sortedKeys[start] { end += 1 }
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

  /// The indices of `keys` ordered by key; equal keys keep their order in `order` (by default,
  /// index order), so sorting by a secondary key first and then by this one orders by both.
  ///
  /// Least-significant-byte radix sort, which is stable, so equal keys keep index order: a
  /// vocabulary of a million n-grams sorts in a few passes over memory instead of ~20 comparison
  /// rounds. Byte positions where every key agrees are skipped.
  static func sortedByKey(_ keys: [UInt64], order initial: [Int]? = nil) -> [Int] {
    let count = keys.count
    var order = initial ?? Array(0..<count)
    precondition(order.count == count, "one position per key")
    if count < 1024 {
      return order.indices.sorted {
        keys[order[$0]] != keys[order[$1]] ? keys[order[$0]] < keys[order[$1]] : $0 < $1
      }.map { order[$0] }
    }
    // Keys travel with their indices, so every pass reads both sequentially.
    var sortedKeys = order.map { keys[$0] }
    var scratch = [Int](repeating: 0, count: count)
    var scratchKeys = [UInt64](repeating: 0, count: count)
    for shift in stride(from: UInt64(0), to: 64, by: 8) {
      var histogram = [Int](repeating: 0, count: 256)
      for key in sortedKeys { histogram[Int(truncatingIfNeeded: key >> shift) & 0xFF] += 1 }
      if histogram.contains(count) { continue }
      var offset = 0
      for bucket in 0..<256 {
        let size = histogram[bucket]
        histogram[bucket] = offset
        offset += size
      }
      sortedKeys.withUnsafeBufferPointer { keys in
        order.withUnsafeBufferPointer { order in
          scratchKeys.withUnsafeMutableBufferPointer { scratchKeys in
            scratch.withUnsafeMutableBufferPointer { scratch in
              histogram.withUnsafeMutableBufferPointer { histogram in
                for position in 0..<count {
                  let key = keys[position]
                  let bucket = Int(truncatingIfNeeded: key >> shift) & 0xFF
                  scratch[histogram[bucket]] = order[position]
                  scratchKeys[histogram[bucket]] = key
                  histogram[bucket] += 1
                }
              }
            }
          }
        }
      }
      swap(&order, &scratch)
      swap(&sortedKeys, &scratchKeys)
    }
    return order
  }

  /// Sorts `keys` ascending in place, using `scratch` (as long) as room; every key must be below
  /// 2^`bits`.
  ///
  /// Least-significant-digit radix sort in the fewest passes of at most 11-bit digits, all digit
  /// histograms counted in one read, digits every key shares skipped.
  static func sort<Key: FixedWidthInteger & UnsignedInteger>(
    _ keys: UnsafeMutableBufferPointer<Key>, scratch: UnsafeMutableBufferPointer<Key>, bits: Int
  ) {
    precondition(bits >= 0 && bits <= Key.bitWidth && scratch.count >= keys.count, "bad sort")
    let count = keys.count
    guard count > 1, bits > 0 else { return }
    if count <= 32 {
      // Insertion sort: small buckets are common and a histogram would cost more than they do.
      for index in 1..<count {
        let key = keys[index]
        var slot = index
        while slot > 0 && keys[slot - 1] > key {
          keys[slot] = keys[slot - 1]
          slot -= 1
        }
        keys[slot] = key
      }
      return
    }
    let passes = (bits + 10) / 11
    let width = (bits + passes - 1) / passes
    let radix = 1 << width
    let mask = Key(truncatingIfNeeded: radix - 1)
    var histograms = [Int](repeating: 0, count: passes * radix)
    histograms.withUnsafeMutableBufferPointer { histograms in
      for key in keys {
        assert(bits == Key.bitWidth || key >> bits == 0, "key wider than \(bits) bits")
        for pass in 0..<passes {
          histograms[pass &* radix &+ Int(truncatingIfNeeded: key >> (pass &* width) & mask)] &+= 1
        }
      }
      var source = keys
      var target = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
      for pass in 0..<passes {
        let next = UnsafeMutableBufferPointer(rebasing: histograms[(pass * radix)..<((pass + 1) * radix)])
        if next.contains(count) { continue }
        var offset = 0
        for bucket in 0..<radix {
          let size = next[bucket]
          next[bucket] = offset
          offset &+= size
        }
        let shift = pass * width
        for key in source {
          let bucket = Int(truncatingIfNeeded: key >> shift & mask)
          target[next[bucket]] = key
          next[bucket] &+= 1
        }
        swap(&source, &target)
      }
      if source.baseAddress != keys.baseAddress { _ = keys.update(fromContentsOf: source) }
    }
  }
}
