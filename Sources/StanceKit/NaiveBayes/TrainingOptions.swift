/// The naive Bayes event model.
public enum NaiveBayesVariant: String, CaseIterable, Codable, Sendable {
  /// Multinomial event model (McCallum and Nigam 1998): word counts drawn from a class distribution.
  case multinomial
  /// Complement naive Bayes (Rennie et al. 2003): weights from the other classes' counts.
  case complement
  /// Multivariate Bernoulli (McCallum and Nigam 1998): presence and absence of every feature.
  case bernoulli
}

/// Everything that decides how a model is trained: variant, smoothing, priors and features.
public struct TrainingOptions: Codable, Hashable, Sendable {
  /// The event model.
  public var variant: NaiveBayesVariant = .multinomial
  /// Additive (Lidstone) smoothing; must be positive.
  public var alpha = 1.0
  /// Fit class priors from label frequencies; when false every class gets the same prior.
  public var fitPrior = true
  /// Tokenisation and feature extraction settings.
  public var features = FeatureOptions()

  /// Creates the defaults: multinomial, alpha 1, fitted priors, unigram counts.
  public init() {}

  /// Creates options with every field given.
  public init(
    variant: NaiveBayesVariant, alpha: Double = 1.0, fitPrior: Bool = true,
    features: FeatureOptions = FeatureOptions()
  ) {
    self.variant = variant
    self.alpha = alpha
    self.fitPrior = fitPrior
    self.features = features
  }

  /// A description of the first invalid setting, or nil when the options are usable.
  public var problem: String? {
    if !(alpha > 0) || !alpha.isFinite { return "alpha must be a positive number (got \(alpha))" }
    return features.problem
  }

  /// Whether feature counts are presence counts (always for Bernoulli).
  var countsPresence: Bool { features.binary || variant == .bernoulli }
}

/// One labelled text to learn from.
public struct TrainingExample: Hashable, Sendable {
  /// The passage text.
  public var text: String
  /// Its label.
  public var label: String

  /// Creates an example.
  public init(text: String, label: String) {
    self.text = text
    self.label = label
  }
}
