import Foundation

/// One paragraph chosen as article content.
struct ContentBlock: Equatable {
  var text: String
  var heading: Bool
}

/// Chooses the article's main content from a `DocumentTree`.
///
/// 1. Content mass: words outside links in long, link-poor blocks, summed up the tree.
/// 2. Boilerplate state, top down: furniture tags (nav, aside, footer, header, figure…) and
///    negative class/id/role hints mark a subtree as boilerplate, unless it holds a large share
///    of the page's mass (a layout wrapper) — comment threads excepted, and an unhinted thread
///    after its "Comments" label counts as one.
/// 3. Container: the run of sibling elements and blocks with the best summed block score
///    (content words minus link words, a per-block cost, boilerplate counted against), the
///    densest region of prose, even when it is split over several sibling containers.
/// 4. Paragraph decisions inside the container: link density, boilerplate state, headline,
///    a second copy of the article; then residue lines (credits, bylines, bios, teasers).
/// 5. When that keeps far less than the page's prose, a second choice without weak class hints;
///    when it keeps little, the section under the heading that repeats the title, if the choice
///    missed it (a short post loses to a longer sidebar box); when it keeps nothing, a last
///    resort, so a page with text never yields nothing.
enum MainContent {
  /// - Parameters:
  ///   - title: the page title, to drop a headline that repeats it.
  ///   - declaredBody: JSON-LD `articleBody`, a hint only: it can rescue a link-heavy paragraph
  ///     the page itself calls body text, never add text the page does not show.
  static func extract(from tree: DocumentTree, title: String?, declaredBody: String? = nil)
    -> [ContentBlock]
  {
    guard !tree.elements.isEmpty, !tree.blocks.isEmpty else { return [] }
    let stats = TreeStatistics(tree)
    let bad = boilerplateState(tree, stats)
    let inside = containerMembership(tree, stats, bad: bad)
    var mass = 0.0
    var blocks = selectBlocks(
      tree, inside: inside, bad: bad, title: title, declaredBody: declaredBody, mass: &mass)
    if mass < BoilerplateRules.fallbackKeptShare * stats.total {
      (blocks, mass) = denseRegionFallback(
        tree, stats, chosen: blocks, chosenMass: mass, title: title, declaredBody: declaredBody)
    }
    if mass < BoilerplateRules.maxShortArticleWords,
      let under = headlineChoice(tree, stats, bad: bad, chosen: blocks, title: title, declaredBody: declaredBody)
    {
      blocks = under
    }
    let kept = removeResidue(blocks, title: title)
    if !kept.isEmpty { return kept }
    return blocks.isEmpty ? lastResort(tree, stats, title: title) : blocks
  }

  /// Which elements are page furniture, decided top down; `weakHints` false reads only furniture
  /// tags and strong (comment) hints, for the fallback when class hints hid the article.
  static func boilerplateState(_ tree: DocumentTree, _ stats: TreeStatistics, weakHints: Bool = true)
    -> [Bool]
  {
    let elements = tree.elements
    var bad = [Bool](repeating: false, count: elements.count)
    // A comment thread that follows its label inside the article's parent carries no hint:
    // everything after the label among its siblings is the thread, once prose came before it
    // (a "12 Comments" link under the headline opens nothing).
    let threadStart = threadStarts(tree, stats)
    var threadOpen = [Bool](repeating: false, count: elements.count)
    var proseBefore = [Int32](repeating: 0, count: elements.count)
    for i in elements.indices {
      let e = elements[i]
      if e.parent >= 0 {
        let p = Int(e.parent)
        if threadOpen[p] {
          bad[i] = true
          continue
        }
        if threadStart[i] && proseBefore[p] > 0 {
          threadOpen[p] = true
          bad[i] = true
          continue
        }
        proseBefore[p] += stats.proseBlocks[i]
      }
      if e.tag == .html || e.tag == .body || e.hint == 2 { continue }
      if e.tag == .blockquote && e.hint >= 0 {
        // A quotation (an embedded post, a pull quote) is judged by the text around it, not by
        // the class of a wrapper that holds nothing else ("social-embed").
        var context = Int(e.parent)
        while context >= 0 && stats.blockCount[context] == stats.blockCount[i] {
          context = Int(elements[context].parent)
        }
        bad[i] = context >= 0 ? bad[context] : false
        continue
      }
      let parentBad = e.parent >= 0 ? bad[Int(e.parent)] : false
      let furniture = (weakHints && e.hint < 0) || e.tag.isFurniture
      let wrapper =
        stats.total > 0 && stats.mass[i] >= BoilerplateRules.wrapperMassShare * stats.total
        && stats.proseBlocks[i] >= BoilerplateRules.minWrapperProseBlocks
      bad[i] = parentBad || e.hint == -2 || (furniture && !wrapper)
    }
    return bad
  }

  /// The container's blocks (`inside`, one flag per block) that pass the paragraph rules, in
  /// document order, without a second copy of the article; `mass` receives the unlinked words
  /// of the blocks kept.
  static func selectBlocks(
    _ tree: DocumentTree, inside: [Bool], bad: [Bool], title: String?, declaredBody: String?,
    mass: inout Double
  ) -> [ContentBlock] {
    let declared = declaredBody.flatMap { body -> String? in
      body.utf8.count >= BoilerplateRules.minDeclaredBodyBytes
        ? PassageSplitter.normalizeWhitespace(body) : nil
    }
    let normalizedTitle = title.map(normalizeForComparison)
    var out: [ContentBlock] = []
    var words: [Int32] = []
    for (b, block) in tree.blocks.enumerated() {
      let owner = Int(block.element)
      if ExtractionTrace.enabled { ExtractionTrace.block(block, tree, inside: inside[b], bad: bad) }
      guard inside[b], !bad[owner] else { continue }
      let text = tree.string(block)
      if !block.passesLinkRules && !LineRules.isLinkedSentence(text, words: block.words) {
        guard let declared, text.utf8.count >= BoilerplateRules.minDeclaredMatchBytes,
          LineRules.containsBytes(declared, text)
        else { continue }
      }
      let tag = tree.elements[owner].tag
      let heading =
        tag.isHeading
        || (block.boldWords == block.words && block.words <= BoilerplateRules.maxBoldHeadingWords
          && (tag == .p || tag == .div) && !LineRules.endsLikeSentence(text))
      // The headline is metadata, not body: an h1 opening the content, or a heading that
      // repeats the title.
      if heading && tag == .h1 && out.isEmpty { continue }
      if heading && (tag == .h1 || out.isEmpty),
        let normalizedTitle, repeatsTitle(normalizeForComparison(text), normalizedTitle)
      {
        continue
      }
      out.append(ContentBlock(text: text, heading: heading))
      words.append(block.words)
      mass += Double(block.words - block.linkWords)
    }
    return dropSecondCopy(out, words: words)
  }

  /// The text kept once when the page shows the article twice (a print or preview copy beside
  /// it): several different prose paragraphs repeated, the opening one among them, together
  /// nearly as long as the prose without them. A paragraph the author repeats, or a repeated list, stays as often as the page shows it.
  static func dropSecondCopy(_ blocks: [ContentBlock], words: [Int32]) -> [ContentBlock] {
    var seen = Set<String>()
    var repeated = Set<String>()
    var uniqueBytes = 0
    var repeatedBytes = 0
    var opening: String?
    // Prose paragraphs only: a recipe or schedule repeats its short lines ("Eat every 2–3 hours").
    for (block, count) in zip(blocks, words) where Int(count) >= BoilerplateRules.contentParagraphWords {
      if opening == nil { opening = block.text }
      if seen.insert(block.text).inserted {
        uniqueBytes += block.text.utf8.count
      } else {
        repeated.insert(block.text)
        repeatedBytes += block.text.utf8.count
      }
    }
    guard let opening, repeated.contains(opening), repeated.count >= BoilerplateRules.minCopyParagraphs,
      Double(repeatedBytes) >= BoilerplateRules.minCopyShare * Double(uniqueBytes)
    else { return blocks }
    if ExtractionTrace.enabled { ExtractionTrace.note("second copy dropped: \(repeated.count) paragraphs") }
    seen.removeAll()
    return blocks.filter { $0.text.utf8.count < BoilerplateRules.minRepeatCharacters || seen.insert($0.text).inserted }
  }

  /// Drops what markup rules cannot see: credit, byline, bio, label and file-slug lines, a title
  /// line that is not marked as a heading, and a teaser that repeats the start of a later
  /// paragraph.
  static func removeResidue(_ blocks: [ContentBlock], title: String?) -> [ContentBlock] {
    let normalizedTitle = title.map(normalizeForComparison)
    let stems = blocks.map { LineRules.teaserStem($0.text) }
    let teasers = stems.contains { $0 != nil } ? TeaserIndex(blocks.map(\.text)) : nil
    return blocks.enumerated().compactMap { i, block in
      if !block.heading && LineRules.isBoilerplate(block.text) { return nil }
      if let title, let normalizedTitle, !normalizedTitle.isEmpty,
        4 * block.text.utf8.count <= 5 * title.utf8.count, 5 * block.text.utf8.count >= 4 * title.utf8.count,
        normalizeForComparison(block.text) == normalizedTitle
      {
        return nil
      }
      if let stem = stems[i], let teasers, teasers.isContinued(stem, excluding: i) { return nil }
      return block
    }
  }

  /// The page headline inside the body: equal to the title, or one containing the other
  /// (titles often carry a site suffix, headings a kicker).
  static func repeatsTitle(_ heading: String, _ title: String) -> Bool {
    guard !heading.isEmpty, !title.isEmpty else { return false }
    if heading == title { return true }
    guard min(heading.count, title.count) >= BoilerplateRules.minTitleMatchCharacters else {
      return false
    }
    return title.contains(heading) || heading.contains(title)
  }

  /// Lower-cased letters and digits only, for comparing headings with the title.
  static func normalizeForComparison(_ s: String) -> String {
    String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
  }
}
