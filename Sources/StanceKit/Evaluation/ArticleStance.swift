import Foundation

/// How an article's stance is decided from the passages that argue.
///
/// Op-eds are mostly background with a few passages that carry the argument, so the verdict
/// ignores passages the model calls neutral and sums the restraint-vs-engagement log-odds of the
/// rest. A topic word that tilts every background passage a little therefore cannot decide an
/// article; only passages that read as arguments can.
public struct ArticleStanceRule: Hashable, Codable, Sendable {
  /// The label of passages that argue for doing less abroad.
  public var restraint = "restraint"
  /// The label of passages that argue for sustained commitments.
  public var engagement = "engagement"
  /// The label of background passages, which do not vote.
  public var neutral = "neutral"
  /// The verdict when passages argue but their summed evidence is smaller than `margin`.
  public var unclear = "unclear"
  /// The verdict when no passage argues: background only, which is not a split argument.
  public var noArgument = "no-argument"
  /// Summed log-odds (nats) below which the article is `unclear`.
  ///
  /// 1 nat is odds of e:1 (about 73 %) for one side after all arguing passages are pooled:
  /// weaker evidence than that is a coin a reader should not be shown as a label.
  public var margin = 1.0
  /// How many of the passages that weighed most toward the verdict are reported.
  public var decidingCount = 3

  /// The default rule for models with `restraint`, `engagement` and `neutral` labels.
  public init() {}

  /// Whether a model with these labels can be read with this rule.
  public func applies(to labels: [String]) -> Bool {
    labels.contains(restraint) && labels.contains(engagement)
  }
}

/// One passage's contribution to an article's verdict.
public struct PassageEvidence: Hashable, Codable, Sendable {
  /// The passage's index in the article.
  public var index: Int
  /// The passage's predicted label.
  public var label: String
  /// log p(restraint) − log p(engagement) for the passage (positive favours restraint).
  public var logOdds: Double
}

/// An article's stance, with the evidence that decided it.
public struct ArticleStance: Hashable, Codable, Sendable {
  /// `restraint`, `engagement`, `unclear` or `no-argument` (the rule's names).
  public var label: String
  /// Summed log-odds of restraint over engagement across the arguing passages.
  public var score: Double
  /// The margin the score had to clear.
  public var margin: Double
  /// How many passages argued (were not labelled neutral).
  public var arguing: Int
  /// The passages that weighed most toward the verdict, strongest first.
  public var deciding: [PassageEvidence]

  /// Decides an article's stance from its passages' predictions.
  ///
  /// - Parameters:
  ///   - labels: the model's labels, aligned with every `logProbabilities` vector.
  ///   - passages: per passage, its index, predicted label and (calibrated) log-probabilities.
  ///   - rule: which labels mean what, and the margin below which the answer is `unclear`; an
  ///     article where no passage argues is `no-argument`.
  /// - Returns: nil when the model lacks the rule's restraint or engagement label.
  public static func decide(
    labels: [String], passages: [(index: Int, label: String, logProbabilities: [Double])],
    rule: ArticleStanceRule = ArticleStanceRule()
  ) -> ArticleStance? {
    guard let r = labels.firstIndex(of: rule.restraint),
      let e = labels.firstIndex(of: rule.engagement)
    else { return nil }
    let evidence = passages.filter { $0.label != rule.neutral }.map {
      PassageEvidence(index: $0.index, label: $0.label, logOdds: $0.logProbabilities[r] - $0.logProbabilities[e])
    }
    let score = evidence.reduce(0) { $0 + $1.logOdds }
    let label =
      evidence.isEmpty
      ? rule.noArgument
      : abs(score) < rule.margin ? rule.unclear : (score > 0 ? rule.restraint : rule.engagement)
    // Deciding passages pull toward the verdict; for `unclear`, the strongest either way.
    let direction: Double = label == rule.restraint ? 1 : (label == rule.engagement ? -1 : 0)
    let deciding = evidence
      .filter { direction == 0 || $0.logOdds * direction > 0 }
      .sorted { (abs($0.logOdds), $1.index) > (abs($1.logOdds), $0.index) }
      .prefix(rule.decidingCount)
    return ArticleStance(
      label: label, score: score, margin: rule.margin, arguing: evidence.count,
      deciding: Array(deciding))
  }
}
