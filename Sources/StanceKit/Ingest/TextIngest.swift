/// Plain-text articles: lines become paragraphs, and the same boilerplate rules apply.
///
/// The first line becomes the article title (not a passage) when it looks like one: short and
/// not ending in a period. Short lines between real paragraphs become heading passages.
enum TextIngest {
  /// A first line up to this many words, not ending in a period, is the title.
  static let maxTitleWords = 20
  /// Lines up to this many words without sentence punctuation are heading candidates.
  static let maxHeadingWords = 15
  /// A prose paragraph has at least this many words (for heading context and list detection).
  static let proseWords = 25
  /// Wrapped lines are joined when a line this long breaks mid-sentence before a lower-case word.
  static let minWrappedLineCharacters = 50

  /// After a "More from" marker, at least this share of short or doubled lines means a list of
  /// other articles (headlines and captions), not the article continuing.
  static let minListShare = 0.5

  struct Unit {
    var text: String
    /// Lines repeated verbatim inside one blank-line group are alt text and caption residue.
    var repeatedInGroup = false
    var boilerplate = false
  }

  static func extract(_ text: String) -> (title: String?, blocks: [ContentBlock]) {
    var units = makeUnits(text)
    var title: String?
    if let first = units.first, !first.repeatedInGroup,
      LineRules.wordCount(first.text) <= maxTitleWords, !first.text.hasSuffix("."),
      !LineRules.isBoilerplate(first.text)
    {
      title = first.text
      units.removeFirst()
    }
    for i in units.indices
    where units[i].repeatedInGroup || LineRules.isBoilerplate(units[i].text)
      || LineRules.isMoreFromMarker(units[i].text)
    {
      units[i].boilerplate = true
    }
    if let cut = moreFromCut(units) { units.removeSubrange(cut...) }
    let texts = units.map(\.text)
    let stems = units.map { $0.boilerplate ? nil : LineRules.teaserStem($0.text) }
    let teasers = stems.contains { $0 != nil } ? TeaserIndex(texts) : nil
    var blocks: [ContentBlock] = []
    var seen = Set<String>()
    for (i, unit) in units.enumerated() where !unit.boilerplate {
      if let stem = stems[i], let teasers, teasers.isContinued(stem, excluding: i) { continue }
      if let title, unit.text == title { continue }
      let words = LineRules.wordCount(unit.text)
      let isHeadingShaped = words <= maxHeadingWords && !LineRules.endsLikeSentence(unit.text)
      if isHeadingShaped {
        // A heading sits between real paragraphs; a short line beside credits and bylines is
        // a name, a caption or another article's headline.
        let previousOK = i == 0 || !units[i - 1].boilerplate
        let nextOK = i + 1 < units.count && !units[i + 1].boilerplate
          && LineRules.wordCount(units[i + 1].text) >= proseWords
        guard previousOK && nextOK else { continue }
      }
      guard seen.insert(PassageSplitter.normalizeWhitespace(unit.text)).inserted else { continue }
      blocks.append(ContentBlock(text: unit.text, heading: isHeadingShaped))
    }
    return (title, blocks)
  }

  /// Paragraphs separated by whitespace-only lines, their lines joined by one space; nothing is
  /// sniffed or dropped (`--input text`: the writer's own paragraphs, taken as given).
  static func blankLineParagraphs(_ text: String) -> [String] {
    var paragraphs: [String] = []
    var current: [Substring] = []
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
      if line.allSatisfy(\.isWhitespace) {
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        current = []
      } else {
        current.append(line.drop { $0.isWhitespace })
      }
    }
    if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
    return paragraphs
  }

  /// Splits into blank-line groups, joins hard-wrapped lines, and marks in-group repeats.
  static func makeUnits(_ text: String) -> [Unit] {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
      .map { PassageSplitter.normalizeWhitespace(String($0)) }
    var units: [Unit] = []
    var group: [String] = []
    func closeGroup() {
      var joined: [String] = []
      for line in group {
        if let last = joined.last, last.count >= minWrappedLineCharacters,
          !LineRules.endsLikeSentence(last), line.first?.isLowercase ?? false
        {
          joined[joined.count - 1] = last + " " + line
        } else {
          joined.append(line)
        }
      }
      var counts: [String: Int] = [:]
      for line in joined { counts[line, default: 0] += 1 }
      for line in joined { units.append(Unit(text: line, repeatedInGroup: counts[line]! > 1)) }
      group = []
    }
    for line in lines {
      if line.isEmpty { closeGroup() } else { group.append(line) }
    }
    closeGroup()
    return units
  }

  /// Where a "More from …" list of other articles starts, if the units after the marker look
  /// like headlines and captions rather than the article's own paragraphs.
  static func moreFromCut(_ units: [Unit]) -> Int? {
    for (i, unit) in units.enumerated() where LineRules.isMoreFromMarker(unit.text) {
      let rest = units[(i + 1)...]
      if rest.isEmpty { return i }
      let listLike = rest.filter { $0.repeatedInGroup || LineRules.wordCount($0.text) < proseWords }.count
      if Double(listLike) >= minListShare * Double(rest.count) { return i }
    }
    return nil
  }
}
