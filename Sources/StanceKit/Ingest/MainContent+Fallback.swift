/// What `MainContent` does when the first choice keeps far less than the page shows: class
/// hints can hide a whole article ("post-wrapper" parsed as a wrapper of everything, a header
/// left unclosed around the body), and an empty extraction from a page with text is a bug.
extension MainContent {
  /// Chooses again with weak class hints ignored (furniture tags and comment threads still
  /// count) and keeps that choice when it holds clearly more text than the first.
  static func denseRegionFallback(
    _ tree: DocumentTree, _ stats: TreeStatistics, chosen: [ContentBlock], chosenMass: Double,
    title: String?, declaredBody: String?
  ) -> (blocks: [ContentBlock], mass: Double) {
    let relaxed = boilerplateState(tree, stats, weakHints: false)
    let inside = containerMembership(tree, stats, bad: relaxed)
    var mass = 0.0
    let blocks = selectBlocks(
      tree, inside: inside, bad: relaxed, title: title, declaredBody: declaredBody, mass: &mass)
    let better = mass >= BoilerplateRules.fallbackGain * max(chosenMass, 1)
    if ExtractionTrace.enabled {
      ExtractionTrace.note("fallback (hints ignored): mass \(Int(mass)) vs \(Int(chosenMass)), page \(Int(stats.total)): \(better ? "taken" : "kept first")")
    }
    return better ? (blocks, mass) : (chosen, chosenMass)
  }

  /// Nothing survived the rules: the best-scoring region with every hint and furniture tag
  /// ignored, and failing that every text block of the page.
  static func lastResort(_ tree: DocumentTree, _ stats: TreeStatistics, title: String?) -> [ContentBlock] {
    let none = [Bool](repeating: false, count: tree.elements.count)
    let inside = containerMembership(tree, stats, bad: none)
    var mass = 0.0
    let blocks = removeResidue(
      selectBlocks(tree, inside: inside, bad: none, title: title, declaredBody: nil, mass: &mass),
      title: title)
    if ExtractionTrace.enabled { ExtractionTrace.note("last resort: \(blocks.count) blocks") }
    if !blocks.isEmpty { return blocks }
    // Only links, labels or a headline: still the page's text, every block once.
    var seen = Set<String>()
    return tree.blocks.compactMap { block in
      let text = tree.string(block)
      return seen.insert(text).inserted ? ContentBlock(text: text, heading: false) : nil
    }
  }
}
