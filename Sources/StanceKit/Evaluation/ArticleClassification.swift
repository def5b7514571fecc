import Foundation

/// One passage of an article with the model's label and probabilities.
public struct ClassifiedPassage: Hashable, Codable, Sendable {
  /// The passage's position in the article.
  public var index: Int
  /// Whether the passage is a heading (headings never vote).
  public var heading: Bool
  /// The passage text.
  public var text: String
  /// The most probable label.
  public var label: String
  /// Probability of each label (calibrated when the model is).
  public var probabilities: [String: Double]
}

/// An article's passages, each labelled, and the article's verdict.
public struct ClassifiedArticle: Hashable, Codable, Sendable {
  /// Where the article came from (a path or `<stdin>`).
  public var source: String
  /// The article's title, when the page declared one.
  public var title: String?
  /// The article's label: the stance rule's verdict, or the probability vote for other models.
  public var label: String
  /// The stance verdict and its deciding passages; nil for models without stance labels.
  public var stance: ArticleStance?
  /// The article-level probability vote, the fallback for models without stance labels.
  public var vote: ArticleDecision?
  /// Every passage in reading order.
  public var passages: [ClassifiedPassage]
}

extension ProbabilisticClassifier {
  /// Labels every passage of `article` and decides the article's stance from those that argue.
  ///
  /// Headings are labelled but never vote. Models whose labels include the rule's restraint and
  /// engagement get the stance rule; other models (say, a sentiment model) get the vote.
  public func classify(_ article: Article, rule: ArticleStanceRule = ArticleStanceRule())
    -> ClassifiedArticle
  {
    var passages: [ClassifiedPassage] = []
    var voters: [(index: Int, label: String, logProbabilities: [Double])] = []
    for passage in article.passages {
      let scored = scoredPrediction(for: passage.text)
      passages.append(
        ClassifiedPassage(
          index: passage.index, heading: passage.heading, text: passage.text, label: scored.label,
          probabilities: Dictionary(uniqueKeysWithValues: zip(labels, scored.probabilities))))
      if !passage.heading {
        // Log-probabilities straight from the model: exp then log would turn an underflowed
        // passage probability into -inf and the article score into ±inf.
        voters.append((passage.index, scored.label, scored.logProbabilities ?? scored.probabilities.map { log($0) }))
      }
    }
    let stance = ArticleStance.decide(labels: labels, passages: voters, rule: rule)
    let vote =
      stance == nil
      ? ArticleVote.decide(labels: labels, passageProbabilities: voters.map { $0.logProbabilities.map { exp($0) } })
      : nil
    return ClassifiedArticle(
      source: article.source, title: article.title,
      label: stance?.label ?? vote?.label ?? rule.unclear, stance: stance, vote: vote,
      passages: passages)
  }
}
