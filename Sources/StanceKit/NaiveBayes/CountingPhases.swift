import Foundation

/// Times the stages of training one model, each on its own, for `scripts/bench-counting`.
///
/// The first stage is a reference point (reading tokens without interning them); the next
/// three are what `NaiveBayesModel(training:options:)` does on one thread; the last times the
/// hash-table counter on the same tokens, the path longer n-grams take.
@_spi(Benchmarks)
public enum CountingPhases {
  /// Seconds per stage, in order, for training on `examples` with `options`.
  public static func measure(_ examples: [TrainingExample], options: TrainingOptions) -> [(stage: String, seconds: Double)] {
    let tokenizer = Tokenizer(options: options.features)
    var result: [(String, Double)] = []
    var start = ContinuousClock.now
    func lap(_ stage: String) {
      result.append((stage, CrossValidation.seconds(since: start)))
      start = ContinuousClock.now
    }
    var bytes = 0
    for example in examples { tokenizer.forEachToken(in: example.text) { bytes &+= $0.count } }
    lap("scan tokens (reference)")
    let labels = NaiveBayesModel.sortedLabels(examples)
    let corpus = TokenizedCorpus(examples, labels: labels, tokenizer: tokenizer, jobs: 1)
    lap("tokenise and intern (TokenizedCorpus)")
    let sorted = SortedCounting.count(corpus, labels: labels, options: options, jobs: 1)
    lap("count by sorting, vocabulary, lookup (SortedCounting)")
    if let (counts, lookup) = sorted { _ = Scorer(counts: counts, options: options, lookup: lookup) }
    lap("weights (Scorer)")
    var counter = FeatureCounter(options: options, labels: labels)
    for example in examples { counter.add(example) }
    _ = counter.finish()
    lap("tokenise and count through hash tables (FeatureCounter, reference)")
    _ = bytes
    return result
  }
}
