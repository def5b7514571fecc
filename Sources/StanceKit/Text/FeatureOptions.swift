/// How text becomes features: n-gram range, presence counts, negation scope, stop words, pruning.
public struct FeatureOptions: Codable, Hashable, Sendable {
  /// Word n-gram lengths to extract, e.g. `1...2` for unigrams and bigrams.
  public var ngramRange: ClosedRange<Int> = 1...1
  /// Count each feature at most once per document (presence instead of frequency).
  public var binary = false
  /// Prefix tokens after a negator with `NOT_` up to the next punctuation (Pang et al. 2002).
  public var negation = false
  /// Drop the project's English stop words (negators are never dropped).
  public var stopWords = false
  /// Ignore features seen fewer than this many times in training when deriving probabilities.
  public var minCount = 1

  /// The largest n-gram length the feature extractor supports.
  public static let maximumNgram = 4

  /// Creates the default options: unigrams, frequency counts, no negation, no stop words.
  public init() {}

  /// Creates options with every field given.
  public init(
    ngramRange: ClosedRange<Int>, binary: Bool = false, negation: Bool = false,
    stopWords: Bool = false, minCount: Int = 1
  ) {
    self.ngramRange = ngramRange
    self.binary = binary
    self.negation = negation
    self.stopWords = stopWords
    self.minCount = minCount
  }

  /// A description of the first invalid setting, or nil when the options are usable.
  public var problem: String? {
    if ngramRange.lowerBound < 1 { return "n-gram lengths start at 1 (got \(ngramRange.lowerBound))" }
    if ngramRange.upperBound > Self.maximumNgram {
      return "n-gram lengths go up to \(Self.maximumNgram) (got \(ngramRange.upperBound))"
    }
    if minCount < 1 { return "min-count must be at least 1 (got \(minCount))" }
    return nil
  }
}
