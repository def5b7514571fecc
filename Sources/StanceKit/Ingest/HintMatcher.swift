/// Scores a class/id value against the hint vocabularies in one pass over its bytes,
/// without building strings (this runs for most elements of every page).
struct HintMatcher {
  private enum Kind { case negative, strongNegative, positive }
  private struct Pattern {
    let bytes: [UInt8]
    let whole: Bool
    let kind: Kind
  }
  private let patterns: [Pattern]
  /// Pattern indices by first byte, so each position only tries plausible patterns.
  private let byFirstByte: [[Int]]

  /// The shared matcher built from `BoilerplateRules`.
  static let shared = HintMatcher()

  private init() {
    var all: [Pattern] = []
    for t in BoilerplateRules.negativeHints { all.append(Pattern(bytes: t.bytes, whole: t.whole, kind: .negative)) }
    for t in BoilerplateRules.strongNegativeHints {
      all.append(Pattern(bytes: t.bytes, whole: t.whole, kind: .strongNegative))
    }
    for t in BoilerplateRules.positiveHints { all.append(Pattern(bytes: t.bytes, whole: t.whole, kind: .positive)) }
    var index = [[Int]](repeating: [], count: 256)
    for (i, p) in all.enumerated() { index[Int(p.bytes[0])].append(i) }
    patterns = all
    byFirstByte = index
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

  /// Adds the matches found in the NUL-terminated `value` to `counts`.
  func scan(_ value: UnsafePointer<UInt8>, into counts: inout Counts, scratch: inout [UInt8]) {
    scratch.removeAll(keepingCapacity: true)
    var i = 0
    while value[i] != 0 && i < 512 {
      let b = value[i]
      scratch.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
      i += 1
    }
    let n = scratch.count
    scratch.withUnsafeBufferPointer { s in
      var pos = 0
      while pos < n {
        let candidates = byFirstByte[Int(s[pos])]
        if !candidates.isEmpty {
          let tokenStart = pos == 0 || !Self.isAlnum(s[pos - 1])
          for c in candidates {
            let p = patterns[c]
            let len = p.bytes.count
            guard pos + len <= n else { continue }
            if p.whole && !tokenStart { continue }
            var k = 1
            while k < len && s[pos + k] == p.bytes[k] { k += 1 }
            guard k == len else { continue }
            if p.whole && pos + len < n && Self.isAlnum(s[pos + len]) { continue }
            switch p.kind {
            case .negative: counts.negative += 1
            case .strongNegative:
              counts.negative += 1
              counts.strong = true
            case .positive: counts.positive += 1
            }
          }
        }
        pos += 1
      }
    }
  }
}
