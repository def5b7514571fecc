import Foundation
import StanceKit

/// A JSONL record's id as it was written: a string, a number, or absent.
enum RecordID: Encodable {
  case string(String)
  case number(Double)
  case integer(Int)
  case missing

  init(_ value: Any?) {
    switch value {
    case let s as String: self = .string(s)
    case let n as NSNumber:
      let d = n.doubleValue
      if let i = Int(exactly: d) { self = .integer(i) } else { self = .number(d) }
    default: self = .missing
    }
  }

  var text: String {
    switch self {
    case .string(let s): return s
    case .number(let d): return "\(d)"
    case .integer(let i): return "\(i)"
    case .missing: return "-"
    }
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .string(let s): try c.encode(s)
    case .number(let d): try c.encode(d)
    case .integer(let i): try c.encode(i)
    case .missing: try c.encodeNil()
    }
  }
}

/// One classified JSONL record.
struct RecordResult: Encodable {
  var id: RecordID
  var label: String
  var probabilities: [String: Double]

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)  // null when absent, never dropped
    try c.encode(label, forKey: .label)
    try c.encode(probabilities, forKey: .probabilities)
  }

  private enum CodingKeys: String, CodingKey { case id, label, probabilities }
}

/// A record or an article, rendered in any output format.
enum ClassifiedItem {
  case record(RecordResult)
  case article(ClassifiedArticle)

  private static let lineEncoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }()

  private static let prettyEncoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
    return e
  }()

  private func encoded(with encoder: JSONEncoder) throws -> String {
    switch self {
    case .record(let r): return String(decoding: try encoder.encode(r), as: UTF8.self)
    case .article(let a): return String(decoding: try encoder.encode(a), as: UTF8.self)
    }
  }

  /// One JSON object and a newline.
  func jsonLine() throws -> String { try encoded(with: Self.lineEncoder) + "\n" }

  /// Pretty JSON without a trailing newline.
  func prettyJSON() throws -> String { try encoded(with: Self.prettyEncoder) }

  /// Tab-separated lines: id/source, label, probability of the label; passages indented below.
  func textLines() -> String {
    switch self {
    case .record(let r):
      return "\(r.id.text)\t\(r.label)\t\(String(format: "%.4f", r.probabilities[r.label] ?? 0))\n"
    case .article(let a):
      var header = "\(a.source)\t\(a.label)"
      if let stance = a.stance {
        header += String(format: "\tscore %+.2f (margin %.2f)\t%d of %d passages argue", stance.score, stance.margin, stance.arguing, a.passages.count)
      } else if let vote = a.vote {
        header += String(format: "\t%.4f\t%d passages", vote.probabilities[a.label] ?? 0, a.passages.count)
      }
      var lines = [header]
      for evidence in a.stance?.deciding ?? [] {
        lines.append(String(format: "  deciding: passage %d (%@, log-odds %+.2f)", evidence.index, evidence.label, evidence.logOdds))
      }
      for p in a.passages {
        var preview = p.text.replacingOccurrences(of: "\n", with: " ")
        if preview.count > Classify.passagePreviewLength {
          preview = String(preview.prefix(Classify.passagePreviewLength - 1)) + "…"
        }
        let mark = p.heading ? "#" : " "
        lines.append("  \(p.index)\(mark)\t\(p.label)\t\(String(format: "%.4f", p.probabilities[p.label] ?? 0))\t\(preview)")
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }
}

/// Buffers standard output and writes it in large chunks.
final class OutputWriter {
  private var buffer = ""
  private static let chunk = 1 << 16
  /// Keeps everything for one file write (`-o`) instead of streaming to standard output.
  private let collecting: Bool

  init(collecting: Bool = false) { self.collecting = collecting }

  /// Everything written so far, when collecting.
  var text: String { buffer }

  func write(_ text: String) {
    buffer += text
    if !collecting && buffer.utf8.count >= Self.chunk { flush() }
  }

  func flush() {
    guard !collecting, !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(Data(buffer.utf8))
    buffer = ""
  }
}
