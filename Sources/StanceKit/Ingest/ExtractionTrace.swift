import Foundation

/// Development trace of extraction decisions: set STANCE_INGEST_DEBUG=1 to print, on stderr,
/// the chosen container's ancestry and each block's verdict. Off by default; never on stdout.
enum ExtractionTrace {
  static let enabled = ProcessInfo.processInfo.environment["STANCE_INGEST_DEBUG"] != nil

  static func container(_ c: Int, _ tree: DocumentTree, score: [Double], stats: TreeStatistics) {
    var chain: [String] = []
    var e = c
    while e >= 0 {
      let el = tree.elements[e]
      chain.append("\(el.tag)#\(e)(h\(el.hint),s\(Int(score[e])),m\(Int(stats.mass[e])))")
      e = Int(el.parent)
    }
    write("container: " + chain.joined(separator: " < ") + " total=\(Int(stats.total))")
  }

  static func block(_ b: DocumentTree.Block, _ tree: DocumentTree, inside: Bool, bad: Bool) {
    let verdict = (inside ? "in " : "out") + (bad ? " BAD" : "    ") + (b.passesLinkRules ? "    " : " LNK")
    let owner = Int(b.element)
    write("  \(verdict) \(tree.elements[owner].tag)#\(owner) w\(b.words) l\(b.linkWords) | \(tree.string(b).prefix(90))")
  }

  private static func write(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
