/// One unit of text from an article: a paragraph, a split piece of a long one, or a heading.
public struct Passage: Hashable, Codable, Sendable {
  /// Position in the article, counting from 0.
  public var index: Int
  /// Whitespace-normalised text.
  public var text: String
  /// True for section headings inside the body.
  public var heading: Bool

  /// Creates a passage.
  public init(index: Int, text: String, heading: Bool = false) {
    self.index = index
    self.text = text
    self.heading = heading
  }
}

/// The main content and metadata extracted from one document.
public struct Article: Hashable, Codable, Sendable {
  /// The name used for the input in output and errors (a path, or "-" for stdin).
  public var source: String
  /// The article's headline, if one was found.
  public var title: String?
  /// Author names, in page order, without duplicates.
  public var authors: [String]
  /// Publication date as the page states it (usually ISO 8601).
  public var date: String?
  /// The publication's name.
  public var siteName: String?
  /// Declared language (BCP 47 tag as written by the page).
  public var language: String?
  /// Canonical URL, if declared.
  public var url: String?
  /// True when the page labels itself as opinion (op-ed, commentary, column).
  public var isOpinion: Bool
  /// The body, in reading order.
  public var passages: [Passage]

  /// Creates an article.
  public init(
    source: String, title: String? = nil, authors: [String] = [], date: String? = nil,
    siteName: String? = nil, language: String? = nil, url: String? = nil, isOpinion: Bool = false,
    passages: [Passage] = []
  ) {
    self.source = source
    self.title = title
    self.authors = authors
    self.date = date
    self.siteName = siteName
    self.language = language
    self.url = url
    self.isOpinion = isOpinion
    self.passages = passages
  }

  private enum CodingKeys: String, CodingKey {
    case source, title, authors, date, siteName, language, url, isOpinion, passages
  }

  /// Encodes every field, writing `null` for missing metadata so the JSON shape never varies.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(source, forKey: .source)
    try c.encode(title, forKey: .title)
    try c.encode(authors, forKey: .authors)
    try c.encode(date, forKey: .date)
    try c.encode(siteName, forKey: .siteName)
    try c.encode(language, forKey: .language)
    try c.encode(url, forKey: .url)
    try c.encode(isOpinion, forKey: .isOpinion)
    try c.encode(passages, forKey: .passages)
  }

  /// The body as one string, passages separated by a blank line.
  public var text: String { passages.map(\.text).joined(separator: "\n\n") }
}
