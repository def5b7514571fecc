/// One labelled passage read from a corpus file, with where it came from.
public struct LabelledPassage: Hashable, Sendable {
  /// The record's id, when the corpus has one (folder corpora: the file's relative path).
  public var id: String?
  /// The passage text (may be empty).
  public var text: String
  /// The label.
  public var label: String
  /// A grouping key (e.g. the article) that cross-validation must not split.
  public var group: String?
  /// Every other field, stringified (numbers and booleans as written, arrays and objects as JSON).
  public var metadata: [String: String]
  /// The 1-based line where the record starts (1 for folder corpora).
  public var line: Int

  /// Creates a passage.
  public init(
    id: String? = nil, text: String, label: String, group: String? = nil,
    metadata: [String: String] = [:], line: Int
  ) {
    self.id = id
    self.text = text
    self.label = label
    self.group = group
    self.metadata = metadata
    self.line = line
  }

  /// The passage as a training example.
  public var example: TrainingExample { TrainingExample(text: text, label: label) }
}

/// The passages of one corpus file and the warnings reading it raised.
public struct Corpus: Sendable {
  /// The passages in file order.
  public var passages: [LabelledPassage]
  /// Problems that do not stop reading: duplicate texts, one text under two labels.
  public var warnings: [CorpusWarning]

  /// Creates a corpus.
  public init(passages: [LabelledPassage], warnings: [CorpusWarning] = []) {
    self.passages = passages
    self.warnings = warnings
  }

  /// The sorted distinct labels.
  public var labels: [String] { Array(Set(passages.map(\.label))).sorted() }
}

/// A problem in a corpus that does not stop reading it.
public struct CorpusWarning: Hashable, Sendable, CustomStringConvertible {
  /// The corpus file.
  public var file: String
  /// The 1-based line of the record the warning is about.
  public var line: Int
  /// What is odd about it.
  public var message: String

  /// Creates a warning.
  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// "file:line: warning: message".
  public var description: String { "\(file):\(line): warning: \(message)" }
}

/// A corpus that cannot be read: the file, the line (when known) and what was wrong.
public struct CorpusError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The corpus file or folder.
  public var file: String
  /// The 1-based line, or nil when the problem is the whole file.
  public var line: Int?
  /// What was wrong.
  public var message: String

  /// Creates an error.
  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// "file:line: message" (or "file: message").
  public var description: String {
    if let line { return "\(file):\(line): \(message)" }
    return "\(file): \(message)"
  }
}
