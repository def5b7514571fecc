/// Scores a class/id value against the hint vocabularies in one pass over its bytes,
/// without building strings or touching reference counts (this runs for most elements).
struct HintMatcher {
  private enum Kind: UInt8 { case negative, strongNegative, positive }

  /// All pattern bytes back to back.
  private let bytes: [UInt8]
  /// Per pattern: start in `bytes`, length, whole-token flag, kind.
  private let starts: [Int32]
  private let lengths: [Int32]
  private let whole: [Bool]
  private let kinds: [Kind]
  /// Comment tokens, wherever listed: a state ending ("commented") cancels their match.
  private let commentToken: [Bool]
  /// Pattern numbers grouped by first byte: `order[firstStart[b]..<firstStart[b + 1]]`.
  private let order: [Int32]
  private let firstStart: [Int32]
  /// One bit per byte pair that starts a pattern (every pattern has two bytes or more): most
  /// positions of a class value start none, and are passed over without trying the patterns
  /// that share their first byte.
  private let pairs: [UInt64]
  /// Whether positions are filtered by `pairs` (off only to test the filter).
  private let filtersPairs: Bool

  /// The shared matcher built from `BoilerplateRules`.
  static let shared = HintMatcher()

  init(filtersPairs: Bool = true) {
    self.filtersPairs = filtersPairs
    var all: [(BoilerplateRules.HintToken, Kind)] = []
    all += BoilerplateRules.negativeHints.map { ($0, .negative) }
    all += BoilerplateRules.strongNegativeHints.map { ($0, .strongNegative) }
    all += BoilerplateRules.positiveHints.map { ($0, .positive) }
    var bytes: [UInt8] = []
    var starts: [Int32] = []
    var lengths: [Int32] = []
    for (token, _) in all {
      starts.append(Int32(bytes.count))
      lengths.append(Int32(token.bytes.count))
      bytes += token.bytes
    }
    let sorted = all.indices.sorted { (all[$0].0.bytes[0], $0) < (all[$1].0.bytes[0], $1) }
    var firstStart = [Int32](repeating: 0, count: 257)
    for i in sorted { firstStart[Int(all[i].0.bytes[0]) + 1] += 1 }
    for b in 0..<256 { firstStart[b + 1] += firstStart[b] }
    self.bytes = bytes
    self.starts = starts
    self.lengths = lengths
    self.whole = all.map { $0.0.whole }
    self.kinds = all.map { $0.1 }
    let strong = Set(BoilerplateRules.strongNegativeHints.map(\.bytes))
    self.commentToken = all.map { strong.contains($0.0.bytes) }
    self.order = sorted.map(Int32.init)
    self.firstStart = firstStart
    var pairs = [UInt64](repeating: 0, count: 1 << 10)
    for (token, _) in all {
      precondition(token.bytes.count >= 2, "a hint of one byte would pass the pair filter by")
      let pair = Int(token.bytes[0]) << 8 | Int(token.bytes[1])
      pairs[pair >> 6] |= 1 << UInt64(pair & 63)
    }
    self.pairs = pairs
  }

  @inline(__always) private static func isAlnum(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
  }

  /// Counts of matches in one attribute value.
  struct Counts {
    var positive = 0
    var negative = 0
    var strong = false
  }

  /// Longest attribute value scanned; longer values are utility-class soup, not hints.
  static let maxValueBytes = 512

  /// Per byte of a lower-cased class value: the length of the class name starting there when
  /// it is a taxonomy label to skip (see `BoilerplateRules.taxonomyPrefixes`), else 0; nil in
  /// the common case of none, found with one cheap pass and no allocation.
  static func taxonomyEnd(_ value: [UInt8]) -> [UInt8]? {
    var skip: [UInt8]?
    var found = 0
    var start = 0
    while start < value.count {
      var end = start
      while end < value.count && !isSpace(value[end]) { end += 1 }
      if end > start && (value[start] == 0x74 || value[start] == 0x63),  // "t", "c"
        BoilerplateRules.taxonomyPrefixes.contains(where: { p in
          end - start > p.count && value[start..<start + p.count].elementsEqual(p)
        })
      {
        if skip == nil { skip = [UInt8](repeating: 0, count: value.count) }
        skip![start] = UInt8(min(end - start, 255))
        found += 1
      }
      start = end + 1
    }
    return found >= BoilerplateRules.minTaxonomyClasses ? skip : nil
  }

  @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
  }

  /// A comment token followed by a state ending ("commented", "comments-open").
  static func isCommentState(_ s: UnsafeBufferPointer<UInt8>, after end: Int) -> Bool {
    BoilerplateRules.commentStateSuffixes.contains { suffix in
      guard end + suffix.count <= s.count else { return false }
      for k in 0..<suffix.count where s[end + k] != suffix[k] { return false }
      let next = end + suffix.count
      return next == s.count || !isAlnum(s[next])
    }
  }

  /// Adds the matches found in the NUL-terminated `value` to `counts`.
  func scan(_ value: UnsafePointer<UInt8>, into counts: inout Counts, scratch: inout [UInt8]) {
    scratch.removeAll(keepingCapacity: true)
    var i = 0
    while value[i] != 0 && i < Self.maxValueBytes {
      let b = value[i]
      scratch.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
      i += 1
    }
    let skip = Self.taxonomyEnd(scratch)
    scratch.withUnsafeBufferPointer { s in
      bytes.withUnsafeBufferPointer { pb in
        starts.withUnsafeBufferPointer { st in
          lengths.withUnsafeBufferPointer { ln in
            order.withUnsafeBufferPointer { od in
              firstStart.withUnsafeBufferPointer { fs in
                whole.withUnsafeBufferPointer { wh in
                  kinds.withUnsafeBufferPointer { kd in
                    let n = s.count
                    var pos = -1
                    while pos + 1 < n {
                      pos += 1
                      if let skip, skip[pos] != 0 {
                        pos += Int(skip[pos]) - 1
                        continue
                      }
                      let first = Int(s[pos])
                      if filtersPairs {
                        guard pos + 1 < n else { break }
                        let pair = first << 8 | Int(s[pos + 1])
                        if pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { continue }
                      }
                      let lo = Int(fs[first])
                      let hi = Int(fs[first + 1])
                      if lo == hi { continue }
                      let tokenStart = pos == 0 || !Self.isAlnum(s[pos - 1])
                      for k in lo..<hi {
                        let c = Int(od[k])
                        let len = Int(ln[c])
                        if pos + len > n || (wh[c] && !tokenStart) { continue }
                        let start = Int(st[c])
                        var m = 1
                        while m < len && s[pos + m] == pb[start + m] { m += 1 }
                        if m < len { continue }
                        if wh[c] && pos + len < n && Self.isAlnum(s[pos + len]) { continue }
                        // Checked only on a match, which is rare: no buffer pointer needed.
                        if commentToken[c] && Self.isCommentState(s, after: pos + len) { continue }
                        switch kd[c] {
                        case .negative: counts.negative += 1
                        case .strongNegative:
                          counts.negative += 1
                          counts.strong = true
                        case .positive: counts.positive += 1
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
