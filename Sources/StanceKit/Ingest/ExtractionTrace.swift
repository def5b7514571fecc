import Foundation

/// Development trace of extraction decisions: set STANCE_INGEST_DEBUG=1 to print, on stderr,
/// the chosen container's ancestry and each block's verdict. Off by default; never on stdout.
enum ExtractionTrace {
  static let enabled = ProcessInfo.processInfo.environment["STANCE_INGEST_DEBUG"] != nil

  static func container(_ c: Int, _ tree: DocumentTree, score: [Double], stats: TreeStatistics, run: String = "") {
    var chain: [String] = []
    var e = c
    while e >= 0 {
      let el = tree.elements[e]
      chain.append("\(el.tag)#\(e)(h\(el.hint),s\(Int(score[e])),m\(Int(stats.mass[e]))\(tree.traceLabels[e].prefix(30)))")
      e = Int(el.parent)
    }
    write("container\(run): " + chain.joined(separator: " < ") + " total=\(Int(stats.total))")
  }

  /// One block's verdict; a furniture verdict names the element where it starts (tag, index, hint).
  static func block(_ b: DocumentTree.Block, _ tree: DocumentTree, inside: Bool, bad: [Bool]) {
    let owner = Int(b.element)
    var origin = ""
    if bad[owner] {
      var e = owner
      while tree.elements[e].parent >= 0 && bad[Int(tree.elements[e].parent)] { e = Int(tree.elements[e].parent) }
      origin = " [bad from \(tree.elements[e].tag)#\(e) h\(tree.elements[e].hint) \(tree.traceLabels[e].prefix(60))]"
    }
    let verdict = (inside ? "in " : "out") + (bad[owner] ? " BAD" : "    ") + (b.passesLinkRules ? "    " : " LNK")
    write("  \(verdict) \(tree.elements[owner].tag)#\(owner) w\(b.words) l\(b.linkWords)\(origin) | \(tree.string(b).prefix(90))")
  }

  /// A block dropped after the container and link rules, with the rule that dropped it.
  static func dropped(_ text: String, rule: String) {
    write("  drop(\(rule)) | \(text.prefix(90))")
  }

  /// Free-form note (fallbacks taken, sizes compared).
  static func note(_ line: String) { write(line) }

  private static func write(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
