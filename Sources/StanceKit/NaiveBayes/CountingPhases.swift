import Foundation

/// Times the stages of training one model, each on its own, for `scripts/bench-counting`.
///
/// The first three stages are reference points: reading tokens, interning them, and interning
/// every n-gram in one table (counting itself finds unigrams through their token and prefetches
/// table slots, so it can come in under the third); the last three are what
/// `NaiveBayesModel(training:options:)` does on one thread.
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
    lap("scan tokens")
    var tokens = ByteTable(capacity: 1 << 14)
    var ids: [Int32] = []
    for example in examples { tokenizer.forEachToken(in: example.text) { ids.append(tokens.intern($0)) } }
    lap("scan + intern tokens")
    var ngrams = NGramTable(capacity: 1 << 15)
    for example in examples {
      ids.removeAll(keepingCapacity: true)
      tokenizer.forEachToken(in: example.text) { ids.append(tokens.intern($0)) }
      ids.withUnsafeBufferPointer { ids in
        for n in options.features.ngramRange where n <= ids.count {
          for offset in 0...(ids.count - n) {
            _ = ngrams.internSlot(NGramKey.make(ids, start: offset, length: n)!, tag: 0)
          }
        }
      }
    }
    lap("scan + intern tokens + intern n-grams")
    let labels = NaiveBayesModel.sortedLabels(examples)
    var counter = FeatureCounter(options: options, labels: labels)
    for example in examples { counter.add(example) }
    lap("count (FeatureCounter.add)")
    let (counts, lookup) = counter.finish()
    lap("finish (sorted vocabulary, sparse count rows)")
    _ = Scorer(counts: counts, options: options, lookup: lookup)
    lap("weights (Scorer)")
    _ = bytes &+ ngrams.count
    return result
  }
}
