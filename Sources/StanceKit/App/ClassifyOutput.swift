import Foundation


/// One classified JSONL record.
struct RecordResult: Encodable, Sendable {
  var id: RecordID
  var label: String
  /// The model's labels and, aligned with them, the record's probabilities.
  var labels: RecordLabels
  var values: [Double]

  /// Label → probability.
  var probabilities: [String: Double] { Dictionary(uniqueKeysWithValues: zip(labels.names, values)) }

  /// The probability of the chosen label.
  var labelProbability: Double { labels.names.firstIndex(of: label).map { values[$0] } ?? 0 }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)  // null when absent, never dropped
    try c.encode(label, forKey: .label)
    try c.encode(probabilities, forKey: .probabilities)
  }

  private enum CodingKeys: String, CodingKey { case id, label, probabilities }

  /// The record as one JSON object and a newline, in UTF-8, byte for byte what `JSONText` writes,
  /// built directly: the generic encoder took 28 % of `classify --input jsonl` (measured with
  /// perf on 40 MB), and a dictionary sorted per record another 15 %. Ids and labels that need
  /// escaping, and non-integer numeric ids, go through the encoder.
  func jsonLine() throws -> [UInt8] {
    guard let keys = labels.jsonKeys, RecordLabels.isPlain(label), values.allSatisfy(\.isFinite) else {
      return try JSONText.encodeLine(self)
    }
    var out = ASCIIBytes()
    out.bytes.reserveCapacity(64 + label.utf8.count + keys.reduce(0) { $0 + $1.count + 24 })
    out.bytes += #"{"id":"#.utf8
    switch id {
    case .string(let s) where RecordLabels.isPlain(s): out.bytes += "\"\(s)\"".utf8
    case .integer(let i): out.bytes += String(i).utf8
    case .missing: out.bytes += "null".utf8
    default: return try JSONText.encodeLine(self)
    }
    out.bytes += #","label":""#.utf8
    out.bytes += label.utf8
    out.bytes += #"","probabilities":{"#.utf8
    for (key, value) in zip(keys, values) {
      out.bytes += key
      // A finite double as the encoder writes it: the shortest round-trip form, no ".0" suffix.
      value.write(to: &out)
      if out.bytes.count >= 2 && out.bytes[out.bytes.count - 2] == UInt8(ascii: ".") && out.bytes.last == UInt8(ascii: "0") {
        out.bytes.removeLast(2)
      }
    }
    out.bytes += "}}\n".utf8
    return out.bytes
  }
}

/// Bytes as a text stream that numbers write their digits straight into (`_writeASCII`, which
/// `Double.write(to:)` calls), without the string `description` allocates for each: the strings
/// and their appends took two thirds of writing a classified record.
private struct ASCIIBytes: TextOutputStream {
  var bytes: [UInt8] = []
  mutating func write(_ string: String) { bytes += string.utf8 }
  mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes += buffer }
}

/// A model's labels as classified records name them, with their JSON keys made once.
final class RecordLabels: Sendable {
  /// The labels, in the model's order.
  let names: [String]
  /// `"label":` per label (`,"label":` after the first) in UTF-8, when every label goes into
  /// JSON unescaped and the order is the encoder's (by UTF-8 bytes, as models keep them); else nil.
  let jsonKeys: [[UInt8]]?

  init(_ names: [String]) {
    self.names = names
    let ordered = zip(names, names.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    jsonKeys = ordered && names.allSatisfy(Self.isPlain)
      ? names.enumerated().map { Array((($0.offset == 0 ? "" : ",") + "\"" + $0.element + "\":").utf8) } : nil
  }

  /// Whether `s` goes into JSON between quotes unchanged.
  static func isPlain(_ s: String) -> Bool {
    !s.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
  }
}

/// A record or an article, rendered in any output format.
enum ClassifiedItem: Sendable {
  /// Characters of passage text shown per line of the text format.
  static let passagePreviewLength = 72

  case record(RecordResult)
  case article(ClassifiedArticle)

  /// One JSON object and a newline, in UTF-8.
  func jsonLine() throws -> [UInt8] {
    switch self {
    case .record(let r): return try r.jsonLine()
    case .article(let a): return try JSONText.encodeLine(a)
    }
  }

  /// Pretty JSON without a trailing newline.
  func prettyJSON() throws -> String {
    switch self {
    case .record(let r): return try JSONText.encode(r, pretty: true)
    case .article(let a): return try JSONText.encode(a, pretty: true)
    }
  }

  /// Tab-separated lines: id/source, label, probability of the label; passages indented below.
  func textLines() -> String {
    switch self {
    case .record(let r):
      return "\(r.id.text)\t\(r.label)\t\(String(format: "%.4f", r.labelProbability))\n"
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
        if preview.count > Self.passagePreviewLength {
          preview = String(preview.prefix(Self.passagePreviewLength - 1)) + "…"
        }
        let mark = p.heading ? "#" : " "
        lines.append("  \(p.index)\(mark)\t\(p.label)\t\(String(format: "%.4f", p.probabilities[p.label] ?? 0))\t\(preview)")
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }
}
