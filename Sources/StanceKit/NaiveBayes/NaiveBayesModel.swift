import Foundation

/// A trained naive Bayes text classifier: exact counts plus log-space weights derived from them.
///
/// Counts are the state; weights are rebuilt from them, so `update(with:)` and `merged(with:)` are
/// exact. `update`, `merged` drop any calibration, because a temperature fitted on other counts
/// no longer applies; calibrate again afterwards.
public struct NaiveBayesModel: Sendable {
  /// The counts; nil in a model read for scoring only (`init(scoringContentsOf:)`).
  private let storedCounts: NaiveBayesCounts?
  /// The counts, which only writing, updating, merging, calibrating and indicative features read.
  var counts: NaiveBayesCounts {
    guard let storedCounts else { preconditionFailure("a model read for scoring only has no counts") }
    return storedCounts
  }

  /// Throws `NaiveBayesError.scoringOnly` unless the model kept its counts, which `operation` needs.
  func requireCounts(_ operation: String) throws(NaiveBayesError) {
    if storedCounts == nil { throw .scoringOnly(operation: operation) }
  }

  /// The class labels, sorted by UTF-8 bytes; every probability array is aligned with them.
  public let labels: [String]
  /// How many training examples the counts hold.
  public let exampleCount: Int
  /// The order-independent digest of the training data (see the model file format).
  public let trainingDigest: UInt64
  /// The settings the model was trained with.
  public private(set) var options: TrainingOptions
  /// The softmax temperature fitted by `calibrate(on:folds:)`; 1 when uncalibrated.
  public internal(set) var temperature: Double = 1
  /// Whether `calibrate(on:folds:)` has fitted a temperature.
  public internal(set) var isCalibrated = false
  let lazyScorer: LazyScorer
  /// The weights and lookup, built on first use.
  var scorer: Scorer { lazyScorer.scorer }
  let tokenizer: Tokenizer

  /// Trains on `training` with up to `jobs` threads (the model does not depend on `jobs`);
  /// throws `NaiveBayesError` with fewer than two labels or no usable text.
  public init(training: [TrainingExample], options: TrainingOptions, jobs: Int = 1) throws {
    if let problem = options.problem { throw NaiveBayesError.invalidOptions(problem) }
    let labels = Self.sortedLabels(training)
    guard labels.count >= 2 else { throw NaiveBayesError.tooFewLabels(found: labels) }
    let (counts, lookup) = FeatureCounter.count(training, labels: labels, options: options, jobs: jobs)
    guard !counts.vocabulary.isEmpty else { throw NaiveBayesError.noUsableText }
    self.init(counts: counts, options: options, lookup: lookup)
  }

  init(
    counts: NaiveBayesCounts, options: TrainingOptions, temperature: Double? = nil,
    lookup: FeatureLookup? = nil
  ) {
    self.init(
      counts: counts, labels: counts.labels, exampleCount: counts.exampleCount, digest: counts.digest,
      options: options, temperature: temperature,
      scorer: LazyScorer(counts: counts, options: options, lookup: lookup))
  }

  private init(
    counts: NaiveBayesCounts?, labels: [String], exampleCount: UInt64, digest: UInt64, options: TrainingOptions,
    temperature: Double?, scorer: LazyScorer
  ) {
    self.storedCounts = counts
    self.labels = labels
    self.exampleCount = Int(exampleCount)
    self.trainingDigest = digest
    self.options = options
    if let temperature {
      self.temperature = temperature
      self.isCalibrated = true
    }
    self.lazyScorer = scorer
    self.tokenizer = Tokenizer(options: options.features)
  }

  /// A model for scoring only, whose weights are built from `contents` at once: the counts' cells
  /// go as soon as the weights no longer need them, before the lookup (the peak of loading) is
  /// built, and the vocabulary once the scorer is built.
  init(scoring contents: consuming ModelFile.Contents) {
    let (labels, exampleCount, digest) = (contents.counts.labels, contents.counts.exampleCount, contents.counts.digest)
    let (options, temperature) = (contents.options, contents.temperature)
    let counts = (consume contents).counts
    self.init(
      counts: nil, labels: labels, exampleCount: exampleCount, digest: digest, options: options,
      temperature: temperature, scorer: LazyScorer(built: Scorer(counts: consume counts, options: options)))
  }

  /// The distinct labels of `examples` in byte order.
  static func sortedLabels(_ examples: [TrainingExample]) -> [String] {
    let labels = Array(Set(examples.map(\.label)))
    return ByteOrder.sortedIndices(labels).map { labels[$0] }
  }

  /// The number of features in the vocabulary (before `minCount` pruning).
  public var vocabularySize: Int { storedCounts?.vocabulary.count ?? scorer.vocabularySize }

  /// The n-gram of vocabulary index `feature`.
  func feature(_ feature: Int) -> String {
    storedCounts?.vocabulary[feature] ?? scorer.ngram(ofFeature: feature)
  }

  /// Adds `examples` to the counts; exactly the same as having trained on all the data.
  public mutating func update(with examples: [TrainingExample]) throws {
    try requireCounts("update")
    let labels = Self.sortedLabels(examples)
    let extra = FeatureCounter.count(examples, labels: labels, options: options).counts
    self = Self(counts: counts.adding(extra), options: options)
  }

  /// The model trained on both models' data; options must match, labels are united.
  public func merged(with other: NaiveBayesModel) throws -> NaiveBayesModel {
    try requireCounts("merge")
    try other.requireCounts("merge")
    guard other.options == options else {
      throw NaiveBayesError.incompatibleOptions(Self.difference(options, other.options))
    }
    return Self(counts: counts.adding(other.counts), options: options)
  }

  /// A short description of how two option sets differ.
  static func difference(_ a: TrainingOptions, _ b: TrainingOptions) -> String {
    var parts: [String] = []
    if a.variant != b.variant { parts.append("variant \(a.variant.rawValue) vs \(b.variant.rawValue)") }
    if a.alpha != b.alpha { parts.append("alpha \(a.alpha) vs \(b.alpha)") }
    if a.fitPrior != b.fitPrior { parts.append("uniform prior \(!a.fitPrior) vs \(!b.fitPrior)") }
    let f = a.features
    let g = b.features
    if f.ngramRange != g.ngramRange {
      parts.append("ngram range \(f.ngramRange.lowerBound)...\(f.ngramRange.upperBound) vs \(g.ngramRange.lowerBound)...\(g.ngramRange.upperBound)")
    }
    if f.binary != g.binary { parts.append("binary \(f.binary) vs \(g.binary)") }
    if f.negation != g.negation { parts.append("negation \(f.negation) vs \(g.negation)") }
    if f.stopWords != g.stopWords { parts.append("stop words \(f.stopWords) vs \(g.stopWords)") }
    if f.minCount != g.minCount { parts.append("min count \(f.minCount) vs \(g.minCount)") }
    return parts.isEmpty ? "options differ" : parts.joined(separator: ", ")
  }

  /// The joint log-likelihood per label and the features it came from.
  func score(_ text: String) -> (jll: [Double], features: [(row: Int, count: Double)]) {
    let scorer = self.scorer
    let features = scorer.features(of: text, tokenizer: tokenizer, presence: options.countsPresence)
    return (scorer.jointLogLikelihood(features), features)
  }

  /// Classifies `text`: calibrated log-probabilities when the model is calibrated.
  ///
  /// Probabilities are the softmax of the per-label scores (`Scorer`): the joint log-likelihood
  /// for multinomial and Bernoulli models; for complement models the summed complement weights,
  /// i.e. scikit-learn's ComplementNB `predict_proba` (its normalised jll). Calibration divides
  /// the log-probabilities by the temperature before renormalising.
  public func predict(_ text: String) -> Prediction {
    let jll = score(text).jll
    return prediction(jointLogLikelihood: jll, temperature: temperature)
  }

  func prediction(jointLogLikelihood jll: [Double], temperature: Double) -> Prediction {
    let raw = LogSpace.normalized(jll)
    let calibrated = temperature == 1 ? raw : LogSpace.normalized(raw.map { $0 / temperature })
    var best = 0
    for index in calibrated.indices where calibrated[index] > calibrated[best] { best = index }
    return Prediction(
      label: labels[best], logProbabilities: calibrated, uncalibratedLogProbabilities: raw)
  }
}
