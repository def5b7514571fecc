/// The page's own headline as an anchor: a short post (a photo caption, two sentences under a
/// title) weighs less than the "about me" box or event list in its sidebar, so the densest
/// region can be the wrong one; the prose right under the heading that repeats the title is
/// the article, whatever its length.
extension MainContent {
  /// The blocks under the headline when they, and not the `chosen` ones, are the article: the
  /// chosen blocks hold none of them, and after the residue rules (bylines, datelines) they
  /// keep at least a share of the chosen words. Nil to keep the first choice.
  static func headlineChoice(
    _ tree: DocumentTree, _ stats: TreeStatistics, bad: [Bool], chosen: [ContentBlock], title: String?,
    declaredBody: String?
  ) -> [ContentBlock]? {
    guard let section = headlineSection(tree, title: title) else { return nil }
    let chosenTexts = Set(chosen.map(\.text))
    let chosenWords = chosen.reduce(0) { $0 + LineRules.approximateWordCount($1.text) }
    // Class hints first; when they hide the whole section, the headline vouches for it, so
    // only furniture tags and comment threads count ("date-outer" wraps a whole post).
    for hints in [bad, boilerplateState(tree, stats, weakHints: false)] {
      var mass = 0.0
      let under = selectBlocks(
        tree, inside: section, bad: hints, title: title, declaredBody: declaredBody, mass: &mass)
      let words = removeResidue(under, title: title).reduce(0) { $0 + LineRules.approximateWordCount($1.text) }
      guard words > 0 else { continue }
      let taken =
        Double(words) >= BoilerplateRules.minHeadlineSectionShare * Double(chosenWords)
        && !under.contains { chosenTexts.contains($0.text) }
      if ExtractionTrace.enabled {
        ExtractionTrace.note("headline section: \(words) words vs \(chosenWords): \(taken ? "taken" : "kept first")")
      }
      return taken ? under : nil
    }
    return nil
  }

  /// Flags (one per block) for the section the headline opens: the blocks after it inside its
  /// nearest ancestor that also holds a sentence after it, up to the next heading of the same
  /// or a higher rank. Nil when no heading repeats the title or nothing follows it.
  static func headlineSection(_ tree: DocumentTree, title: String?) -> [Bool]? {
    guard let title, let headline = headlineBlock(tree, title: title) else { return nil }
    let elements = tree.elements
    let rank = headingRank(elements[Int(tree.blocks[headline].element)].tag)
    // Nearest ancestor of the headline that holds the first plain sentence after it: a header
    // box around the headline, its byline and tags ends before the body starts.
    guard
      let sentence = tree.blocks[(headline + 1)...].firstIndex(where: {
        !elements[Int($0.element)].tag.isHeading && $0.passesLinkRules
          && ($0.isProse || LineRules.endsLikeSentence(tree.string($0)))
      })
    else { return nil }
    var section = Int(tree.blocks[headline].element)
    let first = Int(tree.blocks[sentence].element)
    while section >= 0 && !isInside(first, section, elements) { section = Int(elements[section].parent) }
    guard section >= 0 else { return nil }
    var flags = [Bool](repeating: false, count: tree.blocks.count)
    for b in (headline + 1)..<tree.blocks.count {
      let owner = Int(tree.blocks[b].element)
      guard isInside(owner, section, elements) else { break }
      if let r = headingRank(elements[owner].tag), let rank, r <= rank { break }
      flags[b] = true
    }
    return flags
  }

  /// The heading block that is the page's headline: it repeats the title (or one of the
  /// title's separated parts, "Headline | Site" or "Site: Headline"), and of several such
  /// headings (the site's name in the masthead is one too) the one with the most prose before
  /// the next heading.
  static func headlineBlock(_ tree: DocumentTree, title: String) -> Int? {
    let normalizedTitle = normalizeForComparison(title)
    let parts = Set(
      title.split(whereSeparator: { BoilerplateRules.titleSeparators.contains($0) })
        .map { normalizeForComparison(String($0)) }
        .filter { $0.count >= BoilerplateRules.minTitlePartCharacters })
    var best: (block: Int, prose: Int32)?
    var candidate: Int?
    var prose: Int32 = 0
    func close() {
      if let c = candidate, prose > (best?.prose ?? 0) { best = (c, prose) }
      candidate = nil
      prose = 0
    }
    for (b, block) in tree.blocks.enumerated() {
      // A byline set as a heading ("BY JANE DOE" in an h3) belongs to the headline above it.
      guard tree.elements[Int(block.element)].tag.isHeading, !LineRules.isByline(tree.string(block)) else {
        if candidate != nil, block.passesLinkRules { prose += block.words - block.linkWords }
        continue
      }
      close()
      let text = normalizeForComparison(tree.string(block))
      if parts.contains(text) || repeatsTitle(text, normalizedTitle) { candidate = b }
    }
    close()
    return best?.block
  }

  /// 1 for h1 through 6 for h6; nil for other tags.
  private static func headingRank(_ tag: Tag) -> Int? {
    tag.isHeading ? Int(tag.rawValue) - Int(Tag.h1.rawValue) + 1 : nil
  }

  /// Whether `element` is `ancestor` or lies in its subtree.
  private static func isInside(_ element: Int, _ ancestor: Int, _ elements: [DocumentTree.Element]) -> Bool {
    var e = element
    // Elements are numbered in document order, so an ancestor never has a larger index.
    while e > ancestor { e = Int(elements[e].parent) }
    return e == ancestor
  }
}
