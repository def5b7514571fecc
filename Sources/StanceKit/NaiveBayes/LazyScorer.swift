import Foundation

/// A model's weights and lookup (`Scorer`), built by whoever first needs them.
///
/// Training, `--update` and `merge` write counts and never score; building the weights of a
/// 1-2-gram model trained on 200 MB was about 5 % of training, for nothing.
final class LazyScorer: @unchecked Sendable {
  // `@unchecked`: `state` is read and written only under `lock`.
  private enum State {
    case pending(NaiveBayesCounts, TrainingOptions, FeatureLookup?)
    case built(Scorer)
  }
  private let lock = NSLock()
  private var state: State

  init(counts: NaiveBayesCounts, options: TrainingOptions, lookup: FeatureLookup?) {
    state = .pending(counts, options, lookup)
  }

  /// A scorer built already (a model read for scoring only).
  init(built scorer: Scorer) {
    state = .built(scorer)
  }

  /// The scorer; the first caller builds it and concurrent callers wait for that one.
  var scorer: Scorer {
    lock.lock()
    defer { lock.unlock() }
    switch state {
    case .built(let scorer):
      return scorer
    case .pending(let counts, let options, let lookup):
      let scorer = Scorer(counts: counts, options: options, lookup: lookup)
      state = .built(scorer)
      return scorer
    }
  }

  /// Whether the scorer has been built.
  var isBuilt: Bool {
    lock.lock()
    defer { lock.unlock() }
    if case .built = state { return true }
    return false
  }
}
