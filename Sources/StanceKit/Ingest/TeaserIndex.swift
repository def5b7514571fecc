/// Answers "does another line continue this teaser?" without comparing every pair of lines.
///
/// Comparing each teaser with every other line was quadratic: 5,000 teaser-like paragraphs took
/// 10 s and 20,000 several minutes. Lines are sorted once by UTF-8 bytes, so the lines that start
/// with a stem sit together after a binary search; each candidate is then checked with the exact
/// rule (more characters than the stem, `hasPrefix`) the pairwise scan used.
struct TeaserIndex {
  private let texts: [String]
  private let sorted: [(bytes: [UInt8], index: Int)]

  /// Indexes `texts`; cheap to skip when no line has a teaser stem.
  init(_ texts: [String]) {
    self.texts = texts
    sorted = texts.enumerated().map { (Array($0.element.utf8), $0.offset) }
      .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
  }

  /// True when some line other than `excluded` is longer than `stem` and starts with it.
  func isContinued(_ stem: String, excluding excluded: Int) -> Bool {
    let key = Array(stem.utf8)
    var low = 0
    var high = sorted.count
    while low < high {
      let mid = (low + high) / 2
      if sorted[mid].bytes.lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
    }
    var position = low
    while position < sorted.count, sorted[position].bytes.starts(with: key) {
      let index = sorted[position].index
      if index != excluded && texts[index].count > stem.count && texts[index].hasPrefix(stem) { return true }
      position += 1
    }
    return false
  }
}
