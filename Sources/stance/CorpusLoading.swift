import StanceKit

/// Reads corpus files for a command, printing warnings to standard error.
enum CorpusLoading {
  /// Most corpora repeat a few texts; past this many the rest are summarised in one line.
  static let warningsShown = 20

  /// The passages of every file in order; `CorpusError` propagates for the caller to map to exit 65.
  static func read(_ paths: [String], skipEmpty: Bool) throws -> [LabelledPassage] {
    var passages: [LabelledPassage] = []
    for path in paths {
      let corpus = try CorpusReader.read(path: path)
      for warning in corpus.warnings.prefix(warningsShown) { printError(warning.description) }
      if corpus.warnings.count > warningsShown {
        printError("\(path): warning: \(corpus.warnings.count - warningsShown) more warnings not shown")
      }
      for passage in corpus.passages {
        if skipEmpty && passage.text.allSatisfy(\.isWhitespace) {
          printError("\(path):\(passage.line): warning: empty text skipped")
          continue
        }
        passages.append(passage)
      }
    }
    return passages
  }
}
