/// Why a document could not be ingested; the description names the source and the problem.
public enum IngestError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The input (or its gzip-inflated form) is over the configured byte limit.
  case tooLarge(source: String, limit: Int)
  /// The input is not text: an image, archive, PDF, executable or other binary data.
  case binary(source: String, kind: String)
  /// The input holds no bytes, or nothing but whitespace.
  case empty(source: String)
  /// The gzip stream is corrupt or truncated.
  case badGzip(source: String, reason: String)
  /// The file could not be opened or read.
  case unreadable(path: String, reason: String)
  /// libxml2 could not build a document at all.
  case unparsable(source: String)

  /// The source the error is about.
  public var source: String {
    switch self {
    case .tooLarge(let s, _), .binary(let s, _), .empty(let s), .badGzip(let s, _),
      .unreadable(let s, _), .unparsable(let s):
      return s
    }
  }

  /// A one-line message: "<source>: <what was wrong>".
  public var description: String { "\(source): \(reason)" }

  /// What was wrong, without the source.
  public var reason: String {
    switch self {
    case .tooLarge(_, let limit):
      return "input is larger than the limit of \(limit) bytes (after gzip inflation if compressed); raise --max-bytes to accept it"
    case .binary(_, let kind):
      return "not an HTML or text document (\(kind))"
    case .empty(_):
      return "empty input (no text)"
    case .badGzip(_, let reason):
      return "corrupt gzip data (\(reason))"
    case .unreadable(_, let reason):
      return reason
    case .unparsable(_):
      return "libxml2 could not parse the document"
    }
  }
}
