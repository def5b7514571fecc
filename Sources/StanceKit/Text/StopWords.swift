/// The project's English stop-word list: function words only, never negators.
enum StopWords {
  /// Articles, pronouns, auxiliaries, prepositions and conjunctions, and the clitics the tokenizer
  /// splits off ("'s", "'re", …); "not", "no", "nor", "never" and "n't" are deliberately absent
  /// because they flip stance.
  static let english: ByteTable = {
    var table = ByteTable(capacity: 256)
    for word in list { _ = table.intern(word) }
    return table
  }()

  static let list: [String] = [
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "'d", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
    "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
    "'ll", "'m", "me", "more", "most", "my", "myself", "of", "off", "on", "once", "only", "or",
    "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "'re", "'s", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "'ve", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
  ]
}
