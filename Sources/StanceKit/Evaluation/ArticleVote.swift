/// An article's label decided from its passages' label probabilities.
public struct ArticleDecision: Hashable, Codable, Sendable {
  /// The winning label; ties go to the label that sorts first.
  public var label: String
  /// The article-level probability of each label.
  public var probabilities: [String: Double]
  /// How many passages voted.
  public var passages: Int
}

/// Turns passage predictions into one article label.
///
/// The rule lives here alone so that the stance work can replace it (neutral-excluding log-odds
/// and an `unclear` margin) without touching the CLI.
public enum ArticleVote {
  /// Probability-weighted vote: the normalised sum of the passages' probability vectors.
  ///
  /// Every passage counts once whatever its length; a confident passage moves the sum more than
  /// a hesitant one. Returns nil when there are no passages.
  public static func decide(labels: [String], passageProbabilities: [[Double]]) -> ArticleDecision? {
    guard !passageProbabilities.isEmpty, !labels.isEmpty else { return nil }
    var sums = Array(repeating: 0.0, count: labels.count)
    for p in passageProbabilities {
      precondition(p.count == labels.count, "each probability vector needs one entry per label")
      for k in p.indices { sums[k] += p[k] }
    }
    let total = sums.reduce(0, +)
    let shares = sums.map { total > 0 ? $0 / total : 1 / Double(labels.count) }
    var best = 0
    for k in shares.indices where shares[k] > shares[best] || (shares[k] == shares[best] && labels[k] < labels[best]) {
      best = k
    }
    return ArticleDecision(
      label: labels[best],
      probabilities: Dictionary(uniqueKeysWithValues: zip(labels, shares)),
      passages: passageProbabilities.count)
  }
}
