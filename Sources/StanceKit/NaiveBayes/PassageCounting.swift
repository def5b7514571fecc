/// How much one passage's occurrences of an n-gram add to its count: all of them, or one.
///
/// With presence counting (binary features, or a Bernoulli model) every n-gram counts once per
/// passage. An n-gram holding a punctuation mark (`Tokenizer.isMark`) counts once in every model:
/// how often "." or ">" occurs tracks a passage's length and layout, not its class (20
/// Newsgroups, complement, counts, 1–2-grams: 0.813 with mark frequencies, 0.852 with mark
/// presence). Training (`FeatureCounter`, `SortedCounting`), cross-validation (`FeatureMatrix`)
/// and scoring (`Scorer`) all take the rule from here, so a model scores text exactly as it
/// counted it.
struct PassageCounting: Sendable {
  /// Whether every n-gram counts once per passage.
  let presence: Bool

  init(presence: Bool) {
    self.presence = presence
  }

  init(options: TrainingOptions) {
    self.init(presence: options.countsPresence)
  }

  /// Whether an n-gram counts once per passage however often it occurs (under presence counting
  /// `holdingMark` is not evaluated: it may be a load worth skipping).
  @inline(__always) func countsOnce(holdingMark: @autoclosure () -> Bool) -> Bool {
    presence || holdingMark()
  }

  /// What an n-gram occurring `occurrences` times in a passage adds to its count.
  @inline(__always) func count<Count: Numeric>(_ occurrences: Count, holdingMark: @autoclosure () -> Bool) -> Count {
    countsOnce(holdingMark: holdingMark()) ? 1 : occurrences
  }

  /// Whether the n-gram `ids[start..<start + length]` holds a mark; `tokenIsMark` is indexed by token id.
  @inline(__always) static func holdsMark<Marks: RandomAccessCollection<Bool>>(
    _ ids: UnsafeBufferPointer<Int32>, start: Int, length: Int, tokenIsMark: Marks
  ) -> Bool where Marks.Index == Int {
    for offset in 0..<length where tokenIsMark[Int(ids[start + offset])] { return true }
    return false
  }

  /// Whether the n-gram `key` holds a mark; `tokenIsMark` is indexed by token id.
  @inline(__always) static func holdsMark(_ key: NGramKey, tokenIsMark: [Bool]) -> Bool {
    var holds = false
    key.forEachToken { holds = holds || tokenIsMark[$0] }
    return holds
  }
}
