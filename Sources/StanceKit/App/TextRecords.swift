import Foundation

/// A JSON Lines record's id as it was written: a string, a number, or absent.
public enum RecordID: Hashable, Sendable, Encodable {
  case string(String)
  case number(Double)
  case integer(Int)
  case missing

  init(_ value: JSONValue?) {
    switch value {
    case .string(let s): self = .string(s)
    case .number(let literal):
      let d = Double(literal) ?? .nan
      if let i = Int(exactly: d) { self = .integer(i) } else { self = .number(d) }
    case .bool(let b): self = .integer(b ? 1 : 0)
    default: self = .missing
    }
  }

  /// The id as shown in text output; `-` when absent.
  public var text: String {
    switch self {
    case .string(let s): return s
    case .number(let d): return "\(d)"
    case .integer(let i): return "\(i)"
    case .missing: return "-"
    }
  }

  /// Encodes the id as written; an absent id is `null`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .string(let s): try c.encode(s)
    case .number(let d): try c.encode(d)
    case .integer(let i): try c.encode(i)
    case .missing: try c.encodeNil()
    }
  }
}

/// One `{"id", "text"}` record of a JSON Lines input.
public struct TextRecord: Hashable, Sendable {
  /// The record's id.
  public var id: RecordID
  /// The text.
  public var text: String
  /// The 1-based line it came from.
  public var line: Int
}

/// `{"id", "text"}` records, read with the same strict JSON parser as corpora.
public enum TextRecords {
  /// The record in one line's members: "text" must be a string; "id" is kept as written.
  static func record(_ members: [(String, JSONValue)], name: String, line: Int) -> Result<TextRecord, CorpusError> {
    let text = members.last { $0.0 == "text" }?.1
    guard case .string(let value) = text else {
      let found = text.map { "\"text\" must be a string, found \($0.kind)" } ?? "missing \"text\""
      return .failure(CorpusError(file: name, line: line, message: found))
    }
    return .success(TextRecord(id: RecordID(members.last { $0.0 == "id" }?.1), text: value, line: line))
  }
}
