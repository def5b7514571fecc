import Foundation

/// One unit of a command's input: an article, or one JSON Lines record.
public enum InputItem: Sendable {
  /// An article, split into passages.
  case article(Article)
  /// A record of a JSON Lines input; `source` is the file it came from.
  case record(TextRecord, source: String)
}

/// How a command reads its inputs: `--input` and `--max-bytes`.
public struct ReadOptions: Sendable {
  /// How files are read.
  public var format = InputFormat.auto
  /// The largest accepted input in bytes, also after gzip inflation.
  public var maxBytes = IngestOptions().maxInputBytes

  /// The documented defaults.
  public init() {}

  /// A reader with these options and its own standard input.
  public func reader() -> ArticleReader { ArticleReader(inputs: Inputs(maxBytes: maxBytes), format: format) }
}

/// The one reader of articles and records that `ingest`, `classify` and `explain` share.
public struct ArticleReader: Sendable {
  /// Where the bytes come from, and the size limit.
  public let inputs: Inputs
  /// How files are read.
  public var format: InputFormat

  /// A reader of `inputs` under `format`.
  public init(inputs: Inputs, format: InputFormat = .auto) {
    self.inputs = inputs
    self.format = format
  }

  /// The items of one input: its records, or the article it holds. Bad records are reported
  /// on `console` and skipped; an input that cannot be read at all throws.
  public func items(of path: String, console: Console) throws -> [InputItem] {
    if inputs.isRecords(path, format: format) {
      let name = Inputs.name(path)
      let bytes = try inputs.bytes(of: path)
      if let kind = InputKind.binaryKind(rawBytes: bytes) { throw IngestError.binary(source: name, kind: kind) }
      guard bytes.contains(where: { !TextIngestSupport.isASCIISpace($0) }) else { throw IngestError.empty(source: name) }
      let records = TextRecords.read(bytes, name: name) { console.report($0) }
      return records.map { .record($0, source: name) }
    }
    return [.article(try article(path))]
  }

  /// The article in one file (or standard input): plain text split at blank lines under
  /// `--input text`, the ingester otherwise.
  public func article(_ path: String) throws -> Article {
    let name = Inputs.name(path)
    let bytes = try inputs.bytes(of: path)
    if format == .text {
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw IngestError.binary(source: name, kind: "not valid UTF-8 text")
      }
      let passages = TextIngest.blankLineParagraphs(text).enumerated().map {
        Passage(index: $0.offset, text: $0.element, heading: false)
      }
      guard !passages.isEmpty else { throw IngestError.empty(source: name) }
      return Article(source: name, title: nil, passages: passages)
    }
    return try Ingester.ingest(bytes: bytes, source: name, options: IngestOptions(maxInputBytes: inputs.maxBytes))
  }

  /// A record's text as an article: through the ingester, named by its id (or file and line).
  public func article(_ record: TextRecord, source: String) throws -> Article {
    let name = record.id == .missing ? "\(source):\(record.line)" : record.id.text
    return try Ingester.ingest(
      bytes: Array(record.text.utf8), source: name, options: IngestOptions(maxInputBytes: inputs.maxBytes))
  }
}
