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

  /// The record as one JSON object, byte for byte what `JSONText` writes, built directly: the
  /// generic encoder took 28 % of `classify --input jsonl` (measured with perf on 40 MB), and a
  /// dictionary sorted per record another 15 %. Ids and labels that need escaping, and
  /// non-integer numeric ids, go through the encoder.
  func json() throws -> String {
    guard let keys = labels.jsonKeys, RecordLabels.isPlain(label), values.allSatisfy(\.isFinite) else {
      return try JSONText.encode(self, pretty: false)
    }
    var out = "{\"id\":"
    out.reserveCapacity(64 + keys.reduce(0) { $0 + $1.utf8.count + 24 })
    switch id {
    case .string(let s) where RecordLabels.isPlain(s): out += "\"" + s + "\""
    case .integer(let i): out += String(i)
    case .missing: out += "null"
    default: return try JSONText.encode(self, pretty: false)
    }
    out += ",\"label\":\"" + label + "\",\"probabilities\":{"
    for (key, value) in zip(keys, values) {
      out += key
      // A finite double as the encoder writes it: the shortest round-trip form, no ".0" suffix.
      let text = value.description
      out += text.hasSuffix(".0") ? text.dropLast(2) : Substring(text)
    }
    return out + "}}"
  }
}

/// A model's labels as classified records name them, with their JSON keys made once.
final class RecordLabels: Sendable {
  /// The labels, in the model's order.
  let names: [String]
  /// `"label":` per label (`,"label":` after the first), when every label goes into JSON
  /// unescaped and the order is the encoder's (by UTF-8 bytes, as models keep them); else nil.
  let jsonKeys: [String]?

  init(_ names: [String]) {
    self.names = names
    let ordered = zip(names, names.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    jsonKeys = ordered && names.allSatisfy(Self.isPlain)
      ? names.enumerated().map { ($0.offset == 0 ? "" : ",") + "\"" + $0.element + "\":" } : nil
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

  private func encoded(pretty: Bool) throws -> String {
    switch self {
    case .record(let r) where !pretty: return try r.json()
    case .record(let r): return try JSONText.encode(r, pretty: pretty)
    case .article(let a): return try JSONText.encode(a, pretty: pretty)
    }
  }

  /// One JSON object and a newline.
  func jsonLine() throws -> String { try encoded(pretty: false) + "\n" }

  /// Pretty JSON without a trailing newline.
  func prettyJSON() throws -> String { try encoded(pretty: true) }

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
