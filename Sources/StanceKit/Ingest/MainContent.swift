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
///    of the page's mass (a layout wrapper) — comment threads excepted.
/// 3. Container: the element with the best summed block score (content words minus link words,
///    a per-block cost, boilerplate counted against), the densest region of prose.
/// 4. Paragraph decisions inside the container: link density, boilerplate state, repeats.
enum MainContent {
  /// Set STANCE_INGEST_DEBUG=1 to trace container choice and block decisions on stderr.
  static let debug = ProcessInfo.processInfo.environment["STANCE_INGEST_DEBUG"] != nil

  /// - Parameters:
  ///   - declaredBody: JSON-LD `articleBody`, a hint only: it can rescue a link-heavy paragraph
  ///     the page itself calls body text, never add text the page does not show.
  static func extract(from tree: DocumentTree, title: String?, declaredBody: String? = nil) -> [ContentBlock] {
    let elements = tree.elements
    let count = elements.count
    guard count > 0, !tree.blocks.isEmpty else { return [] }

    // 1. Content mass.
    var mass = [Double](repeating: 0, count: count)
    var proseBlocks = [Int32](repeating: 0, count: count)
    for block in tree.blocks where isProse(block) {
      mass[Int(block.element)] += Double(block.words - block.linkWords)
      proseBlocks[Int(block.element)] += 1
    }
    for i in stride(from: count - 1, through: 0, by: -1) {
      let p = Int(elements[i].parent)
      if p >= 0 {
        mass[p] += mass[i]
        proseBlocks[p] += proseBlocks[i]
      }
    }
    var total = 0.0
    for i in 0..<count where elements[i].parent < 0 { total += mass[i] }

    var depth = [Int32](repeating: 0, count: count)
    for i in 0..<count where elements[i].parent >= 0 { depth[i] = depth[Int(elements[i].parent)] + 1 }
    var blockCount = [Int32](repeating: 0, count: count)
    for block in tree.blocks { blockCount[Int(block.element)] += 1 }
    for i in stride(from: count - 1, through: 0, by: -1) where elements[i].parent >= 0 {
      blockCount[Int(elements[i].parent)] += blockCount[i]
    }

    // 2. Boilerplate state.
    var bad = [Bool](repeating: false, count: count)
    for i in 0..<count {
      let e = elements[i]
      let parentBad = e.parent >= 0 ? bad[Int(e.parent)] : false
      if e.tag == .html || e.tag == .body {
        bad[i] = false
        continue
      }
      if e.hint == 2 {
        bad[i] = false
        continue
      }
      if e.tag == .blockquote && e.hint >= 0 {
        // A quotation (an embedded post, a pull quote) is judged by the text around it, not by
        // the class of a wrapper that holds nothing else ("social-embed").
        var context = Int(e.parent)
        while context >= 0 && blockCount[context] == blockCount[i] { context = Int(elements[context].parent) }
        bad[i] = context >= 0 ? bad[context] : false
        continue
      }
      let furniture = e.hint < 0 || e.tag.roles.contains(.furniture)
      let wrapper = total > 0 && mass[i] >= BoilerplateRules.wrapperMassShare * total
        && proseBlocks[i] >= BoilerplateRules.minWrapperProseBlocks
      bad[i] = parentBad || e.hint == -2 || (furniture && !wrapper)
    }

    // 3. Container.
    var score = [Double](repeating: 0, count: count)
    var previous: DocumentTree.Block?
    for block in tree.blocks {
      var g = blockScore(block, bad: bad[Int(block.element)])
      if g > 0, let previous, isTeaserSummary(block, after: previous),
        let card = commonAncestor(Int(block.element), Int(previous.element), elements, depth),
        blockCount[card] <= BoilerplateRules.maxCardBlocks
      {
        g = -Double(block.words) * BoilerplateRules.linkBlockCost
      }
      score[Int(block.element)] += g
      previous = block
    }
    for i in stride(from: count - 1, through: 0, by: -1) {
      let p = Int(elements[i].parent)
      if p >= 0 { score[p] += score[i] }
    }
    // A declared article body (itemprop="articleBody") is trusted over a slightly better score.
    for i in 0..<count where elements[i].hint == 2 && score[i] > 0 {
      score[i] *= BoilerplateRules.declaredBodyBonus
    }
    var container = 0
    for i in 1..<count where score[i] > score[container] { container = i }

    if debug {
      var chain: [String] = []
      var e = container
      while e >= 0 {
        chain.append("\(elements[e].tag)#\(e)(h\(elements[e].hint),s\(Int(score[e])),m\(Int(mass[e])))")
        e = Int(elements[e].parent)
      }
      FileHandle.standardError.write(Data(("container: " + chain.joined(separator: " < ") + " total=\(Int(total))\n").utf8))
    }
    var inside = [Bool](repeating: false, count: count)
    for i in container..<count {
      let p = Int(elements[i].parent)
      inside[i] = i == container || (p >= 0 && inside[p])
    }

    // 4. Paragraph decisions.
    let declared = declaredBody.flatMap { body -> String? in
      body.utf8.count >= BoilerplateRules.minDeclaredBodyBytes ? PassageSplitter.normalizeWhitespace(body) : nil
    }
    let normalizedTitle = title.map(normalizeForComparison)
    var seen = Set<String>()
    var out: [ContentBlock] = []
    for block in tree.blocks {
      let owner = Int(block.element)
      if debug {
        let t = tree.string(block).prefix(90)
        FileHandle.standardError.write(Data(("  \(inside[owner] ? "in " : "out")\(bad[owner] ? " BAD" : "    ")\(keepsBlock(block) ? "    " : " LNK") \(elements[owner].tag)#\(owner) w\(block.words) l\(block.linkWords) | \(t)\n").utf8))
      }
      guard inside[owner], !bad[owner] else { continue }
      let text = tree.string(block)
      if !keepsBlock(block) {
        guard let declared, text.utf8.count >= BoilerplateRules.minDeclaredMatchBytes,
          LineRules.containsBytes(declared, text)
        else { continue }
      }
      let tag = elements[owner].tag
      let heading =
        tag.roles.contains(.heading)
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
      if text.utf8.count >= BoilerplateRules.minRepeatCharacters {
        guard seen.insert(text).inserted else { continue }
      }
      out.append(ContentBlock(text: text, heading: heading))
    }
    return removeResidue(out, title: title)
  }

  /// Drops what markup rules cannot see: credit, byline, bio and file-slug lines, a title line
  /// that is not marked as a heading, and a teaser that repeats the start of a later paragraph.
  static func removeResidue(_ blocks: [ContentBlock], title: String?) -> [ContentBlock] {
    let normalizedTitle = title.map(normalizeForComparison)
    return blocks.enumerated().compactMap { i, block in
      if !block.heading && LineRules.isBoilerplate(block.text) { return nil }
      if let title, let normalizedTitle, !normalizedTitle.isEmpty,
        block.text.utf8.count <= 2 * title.utf8.count, 2 * block.text.utf8.count >= title.utf8.count,
        normalizeForComparison(block.text) == normalizedTitle
      {
        return nil
      }
      if let stem = LineRules.teaserStem(block.text),
        blocks.indices.contains(where: { $0 != i && blocks[$0].text.count > stem.count && blocks[$0].text.hasPrefix(stem) })
      {
        return nil
      }
      return block
    }
  }

  static func linkDensity(_ b: DocumentTree.Block) -> Double {
    Double(b.linkWords) / Double(max(b.words, 1))
  }

  /// A long, link-poor block: the kind of text articles are made of.
  static func isProse(_ b: DocumentTree.Block) -> Bool {
    b.words >= BoilerplateRules.contentParagraphWords
      && linkDensity(b) <= BoilerplateRules.maxShortLinkDensity
  }

  static func blockScore(_ b: DocumentTree.Block, bad: Bool) -> Double {
    let words = Double(b.words)
    if bad { return -words }
    if linkDensity(b) > BoilerplateRules.maxLinkDensity {
      return -words * BoilerplateRules.linkBlockCost - BoilerplateRules.perBlockPenalty
    }
    let links = Double(b.linkWords)
    return (words - links) - BoilerplateRules.linkWordCost * links
      - BoilerplateRules.perBlockPenalty
  }

  /// A short paragraph right after a linked headline is a teaser card's summary, which counts
  /// against its region when choosing the container (it is not dropped for that alone).
  static func isTeaserSummary(_ b: DocumentTree.Block, after previous: DocumentTree.Block) -> Bool {
    b.words < BoilerplateRules.maxTeaserSummaryWords
      && previous.linkWords >= BoilerplateRules.minHeadlineLinkWords
      && linkDensity(previous) > BoilerplateRules.maxLinkDensity
  }

  static func commonAncestor(_ a: Int, _ b: Int, _ elements: [DocumentTree.Element], _ depth: [Int32]) -> Int? {
    var a = a
    var b = b
    while a >= 0 && b >= 0 && a != b {
      if depth[a] >= depth[b] { a = Int(elements[a].parent) } else { b = Int(elements[b].parent) }
    }
    return a >= 0 && a == b ? a : nil
  }

  static func keepsBlock(_ b: DocumentTree.Block) -> Bool {
    let density = linkDensity(b)
    if density > BoilerplateRules.maxLinkDensity { return false }
    if b.words <= BoilerplateRules.shortBlockWords && density > BoilerplateRules.maxShortLinkDensity {
      return false
    }
    return true
  }

  /// The page headline inside the body: equal to the title, or one containing the other
  /// (titles often carry a site suffix, headings a kicker).
  static func repeatsTitle(_ heading: String, _ title: String) -> Bool {
    guard !heading.isEmpty, !title.isEmpty else { return false }
    if heading == title { return true }
    guard min(heading.count, title.count) >= BoilerplateRules.minTitleMatchCharacters else { return false }
    return title.contains(heading) || heading.contains(title)
  }

  static func normalizeForComparison(_ s: String) -> String {
    String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
  }
}

import Foundation

