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
  /// Pattern numbers grouped by first byte: `order[firstStart[b]..<firstStart[b + 1]]`.
  private let order: [Int32]
  private let firstStart: [Int32]

  /// The shared matcher built from `BoilerplateRules`.
  static let shared = HintMatcher()

  private init() {
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
    self.order = sorted.map(Int32.init)
    self.firstStart = firstStart
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

  /// Adds the matches found in the NUL-terminated `value` to `counts`.
  func scan(_ value: UnsafePointer<UInt8>, into counts: inout Counts, scratch: inout [UInt8]) {
    scratch.removeAll(keepingCapacity: true)
    var i = 0
    while value[i] != 0 && i < Self.maxValueBytes {
      let b = value[i]
      scratch.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
      i += 1
    }
    scratch.withUnsafeBufferPointer { s in
      bytes.withUnsafeBufferPointer { pb in
        starts.withUnsafeBufferPointer { st in
          lengths.withUnsafeBufferPointer { ln in
            order.withUnsafeBufferPointer { od in
              firstStart.withUnsafeBufferPointer { fs in
                whole.withUnsafeBufferPointer { wh in
                  kinds.withUnsafeBufferPointer { kd in
                    let n = s.count
                    for pos in 0..<n {
                      let first = Int(s[pos])
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
