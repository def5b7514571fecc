/// Per-element sums over a `DocumentTree`, each computed in one linear pass (parents precede
/// their children in `elements`, so reverse order visits children first).
struct TreeStatistics {
  /// Unlinked words of prose blocks in each subtree.
  var mass: [Double]
  /// Prose blocks in each subtree.
  var proseBlocks: [Int32]
  /// All blocks in each subtree.
  var blockCount: [Int32]
  /// Distance from the top element.
  var depth: [Int32]
  /// The page's total prose mass.
  var total: Double

  init(_ tree: DocumentTree) {
    let elements = tree.elements
    let count = elements.count
    mass = [Double](repeating: 0, count: count)
    proseBlocks = [Int32](repeating: 0, count: count)
    blockCount = [Int32](repeating: 0, count: count)
    depth = [Int32](repeating: 0, count: count)
    for block in tree.blocks {
      let e = Int(block.element)
      blockCount[e] += 1
      if block.isProse {
        mass[e] += Double(block.words - block.linkWords)
        proseBlocks[e] += 1
      }
    }
    total = 0
    for i in stride(from: count - 1, through: 0, by: -1) {
      let p = Int(elements[i].parent)
      if p >= 0 {
        mass[p] += mass[i]
        proseBlocks[p] += proseBlocks[i]
        blockCount[p] += blockCount[i]
      } else {
        total += mass[i]
      }
    }
    for i in 0..<count where elements[i].parent >= 0 { depth[i] = depth[Int(elements[i].parent)] + 1 }
  }

  /// The nearest element containing both `a` and `b`.
  func commonAncestor(_ a: Int, _ b: Int, in elements: [DocumentTree.Element]) -> Int? {
    var a = a
    var b = b
    while a >= 0 && b >= 0 && a != b {
      if depth[a] >= depth[b] { a = Int(elements[a].parent) } else { b = Int(elements[b].parent) }
    }
    return a >= 0 && a == b ? a : nil
  }
}
