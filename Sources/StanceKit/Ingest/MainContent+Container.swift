/// Choosing the container: the densest region of prose on the page.
extension MainContent {
  /// Scores every block, sums the scores up the tree, and returns one flag per block: true for
  /// the blocks of the best run of consecutive children of one element.
  ///
  /// A run rather than a whole element: articles are often split over sibling containers
  /// (paragraph groups around an inline promotion, text split by a figure) or share their
  /// parent with a comment thread below, so the best single element would hold only a part.
  /// Link lists and furniture score negative, so a run ends where they begin.
  static func containerMembership(_ tree: DocumentTree, _ stats: TreeStatistics, bad: [Bool]) -> [Bool] {
    let elements = tree.elements
    let count = elements.count
    var score = [Double](repeating: 0, count: count)
    var blockScore = [Double](repeating: 0, count: tree.blocks.count)
    var previous: DocumentTree.Block?
    for (b, block) in tree.blocks.enumerated() {
      var g = block.containerScore(bad: bad[Int(block.element)])
      // A summary under a linked headline in one small card is a teaser, whatever its length.
      if g > 0, let previous, block.isTeaserSummary(after: previous),
        let card = stats.commonAncestor(Int(block.element), Int(previous.element), in: elements),
        stats.blockCount[card] <= BoilerplateRules.maxCardBlocks
      {
        g = -Double(block.words) * BoilerplateRules.linkBlockCost
      }
      blockScore[b] = g
      score[Int(block.element)] += g
      previous = block
    }
    for i in stride(from: count - 1, through: 0, by: -1) {
      let p = Int(elements[i].parent)
      if p >= 0 { score[p] += score[i] }
    }
    var runs = RunSearch(count: count)
    // Children of each element in document order: a block that ends before element i starts
    // comes before it (coordinate 2 × elementsBefore against 2 × i + 1).
    var b = 0
    for i in 0...count {
      while b < tree.blocks.count && (i == count || Int(tree.blocks[b].elementsBefore) <= i) {
        runs.add(blockScore[b], coordinate: 2 * Int(tree.blocks[b].elementsBefore), to: Int(tree.blocks[b].element))
        b += 1
      }
      guard i < count else { break }
      let p = Int(elements[i].parent)
      if p >= 0 { runs.add(score[i], coordinate: 2 * i + 1, to: p) }
    }
    // Each element's value: the whole element unless its other children cost it most of the
    // run's value (a margin, so a list of linked items inside a body does not split the body).
    typealias Candidate = (element: Int, value: Double, start: Int, end: Int)
    func candidate(_ i: Int) -> Candidate {
      score[i] >= BoilerplateRules.minWholeElementShare * runs.best[i]
        ? (i, score[i], Int.min, Int.max) : (i, runs.best[i], runs.bestStart[i], runs.bestEnd[i])
    }
    var best: Candidate = (0, score[0], Int.min, Int.max)
    for i in 0..<count {
      let c = candidate(i)
      if c.value > best.value { best = c }
      // A declared article body (itemprop="articleBody") is trusted over a slightly better score.
      if elements[i].hint == 2 && score[i] > 0 && score[i] * BoilerplateRules.declaredBodyBonus > best.value {
        best = (i, score[i] * BoilerplateRules.declaredBodyBonus, Int.min, Int.max)
      }
    }
    // One paragraph can outscore the body it belongs to by the few words of a caption or a
    // link beside it: climb while the parent is nearly as good and holds more prose.
    while elements[best.element].hint != 2, elements[best.element].parent >= 0 {
      let up = candidate(Int(elements[best.element].parent))
      guard up.value >= BoilerplateRules.climbShare * best.value,
        stats.mass[up.element] > stats.mass[best.element]
      else { break }
      best = up
    }
    if ExtractionTrace.enabled { ExtractionTrace.container(
        best.element, tree, score: score, stats: stats,
        run: best.start == Int.min ? "" : " (children \(best.start)...\(best.end), value \(Int(best.value)))") }

    // Elements inside: the chosen element's children within the run, and their subtrees.
    let container = best.element
    var insideElement = [Bool](repeating: false, count: count)
    for i in (container + 1)..<max(count, container + 1) {
      let p = Int(elements[i].parent)
      if p == container {
        insideElement[i] = (best.start...best.end).contains(2 * i + 1)
      } else if p > container {
        insideElement[i] = insideElement[p]
      }
    }
    return tree.blocks.map { block in
      let owner = Int(block.element)
      if owner == container { return (best.start...best.end).contains(2 * Int(block.elementsBefore)) }
      return insideElement[owner]
    }
  }
}

extension MainContent {
  /// Elements that open a comment thread: a heading (or an element hinted as comments) whose
  /// text is a thread label ("Comments", "12 Responses to …", "Leave a Reply"), widened to
  /// the wrappers that hold nothing else. What follows it in its parent is the thread.
  static func threadStarts(_ tree: DocumentTree, _ stats: TreeStatistics) -> [Bool] {
    var marks = [Bool](repeating: false, count: tree.elements.count)
    for block in tree.blocks where block.words <= BoilerplateRules.maxThreadLabelWords {
      var e = Int(block.element)
      let element = tree.elements[e]
      guard element.tag.isHeading || element.hint == -2, LineRules.isThreadLabel(tree.string(block)) else { continue }
      while tree.elements[e].parent >= 0 && stats.blockCount[Int(tree.elements[e].parent)] == stats.blockCount[e] {
        e = Int(tree.elements[e].parent)
      }
      marks[e] = true
    }
    return marks
  }
}

/// Best run of consecutive children per element, as they arrive in document order: from the
/// first child of positive value to the end that maximises the sum. Only the edges are cut
/// (leading furniture, a trailing comment thread): a dip inside, such as a figure between the
/// lede and the rest, is bridged so the lede stays with its article.
private struct RunSearch {
  var current: [Double]
  var currentStart: [Int]
  var best: [Double]
  var bestStart: [Int]
  var bestEnd: [Int]

  init(count: Int) {
    current = [Double](repeating: 0, count: count)
    currentStart = [Int](repeating: -1, count: count)
    best = [Double](repeating: -Double.infinity, count: count)
    bestStart = [Int](repeating: 0, count: count)
    bestEnd = [Int](repeating: 0, count: count)
  }

  mutating func add(_ value: Double, coordinate: Int, to parent: Int) {
    if currentStart[parent] < 0 {
      guard value > 0 else { return }
      currentStart[parent] = coordinate
    }
    current[parent] += value
    if current[parent] > best[parent] {
      best[parent] = current[parent]
      bestStart[parent] = currentStart[parent]
      bestEnd[parent] = coordinate
    }
  }
}
