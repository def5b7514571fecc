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
  /// perf on 40 MB), and a dictionary sorted per record another 15 %. Non-integer numeric ids,
  /// numbers JSON cannot hold and labels out of the encoder's order go through the encoder.
  func jsonLine() throws -> [UInt8] {
    guard let keys = labels.jsonKeys else { return try JSONText.encodeLine(self) }
    var out = JSONLine()
    out.bytes.reserveCapacity(64 + label.utf8.count + keys.reduce(0) { $0 + $1.count + 24 })
    out.bytes += #"{"id":"#.utf8
    switch id {
    case .string(let s): out.string(s)
    case .integer(let i): out.bytes += String(i).utf8
    case .missing: out.bytes += "null".utf8
    case .number: return try JSONText.encodeLine(self)
    }
    out.bytes += #","label":"#.utf8
    out.string(label)
    out.bytes += #","probabilities":{"#.utf8
    for (key, value) in zip(keys, values) {
      out.bytes += key
      guard out.finite(value) else { return try JSONText.encodeLine(self) }
    }
    out.bytes += "}}\n".utf8
    return out.bytes
  }
}

extension ClassifiedArticle {
  /// The article as one JSON object and a newline, in UTF-8, byte for byte what `JSONText`
  /// writes, built directly: the generic encoder took 4.6 % of classifying a crawl. An article
  /// with a number JSON cannot hold goes through the encoder, which throws.
  func jsonLine() throws -> [UInt8] {
    var out = JSONLine()
    guard out.article(self) else { return try JSONText.encodeLine(self) }
    out.bytes.append(UInt8(ascii: "\n"))
    return out.bytes
  }
}

/// A JSON line as `JSONText` writes it (keys sorted, slashes unescaped, numbers in their
/// shortest round-trip form), built in bytes.
///
/// A text stream that numbers write their digits straight into (`_writeASCII`, which
/// `Double.write(to:)` calls), without the string `description` allocates for each: the strings
/// and their appends took two thirds of writing a classified record.
private struct JSONLine: TextOutputStream {
  var bytes: [UInt8] = []
  mutating func write(_ string: String) { bytes += string.utf8 }
  mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes += buffer }

  /// A finite double as the encoder writes it: the shortest round-trip form, no ".0" suffix.
  mutating func number(_ value: Double) {
    value.write(to: &self)
    if bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: ".") && bytes.last == UInt8(ascii: "0") {
      bytes.removeLast(2)
    }
  }

  /// A string between quotes, escaped as the encoder escapes: `"`, `\` and control characters.
  mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { utf8 in
      bytes.append(UInt8(ascii: "\""))
      var run = 0
      var next = JSONParser.firstSpecial(utf8, from: 0)
      while next < utf8.count {
        bytes += UnsafeBufferPointer(rebasing: utf8[run..<next])
        escape(utf8[next])
        run = next + 1
        next = JSONParser.firstSpecial(utf8, from: run)
      }
      bytes += UnsafeBufferPointer(rebasing: utf8[run...])
      bytes.append(UInt8(ascii: "\""))
    }
  }

  private static let hex = Array("0123456789abcdef".utf8)

  /// The escape of one special byte.
  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case 0x22: bytes += #"\""#.utf8
    case 0x5C: bytes += #"\\"#.utf8
    case 0x08: bytes += #"\b"#.utf8
    case 0x09: bytes += #"\t"#.utf8
    case 0x0A: bytes += #"\n"#.utf8
    case 0x0C: bytes += #"\f"#.utf8
    case 0x0D: bytes += #"\r"#.utf8
    default:
      bytes += #"\u00"#.utf8
      bytes += [Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]]
    }
  }

  /// `{"key":number,…}` with the keys in the encoder's order, by their UTF-8 bytes (not by
  /// `String`'s `<`); false when a number is not finite.
  mutating func probabilities(_ values: [String: Double]) -> Bool {
    let keys = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    bytes.append(UInt8(ascii: "{"))
    for (position, key) in keys.enumerated() {
      if position > 0 { bytes.append(UInt8(ascii: ",")) }
      string(key)
      bytes.append(UInt8(ascii: ":"))
      guard finite(values[key]!) else { return false }
    }
    bytes.append(UInt8(ascii: "}"))
    return true
  }

  /// A finite double; false, writing nothing, when it is not finite.
  mutating func finite(_ value: Double) -> Bool {
    guard value.isFinite else { return false }
    number(value)
    return true
  }

  /// The article's object, its keys in sorted order and absent optionals left out, as the
  /// synthesised `Encodable` conformances give; false when the encoder must write it.
  mutating func article(_ a: ClassifiedArticle) -> Bool {
    bytes += #"{"label":"#.utf8
    string(a.label)
    bytes += #","passages":["#.utf8
    for (position, p) in a.passages.enumerated() {
      if position > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes += (p.heading ? #"{"heading":true,"index":"# : #"{"heading":false,"index":"#).utf8
      bytes += String(p.index).utf8
      bytes += #","label":"#.utf8
      string(p.label)
      bytes += #","probabilities":"#.utf8
      guard probabilities(p.probabilities) else { return false }
      bytes += #","text":"#.utf8
      string(p.text)
      bytes.append(UInt8(ascii: "}"))
    }
    bytes += #"],"source":"#.utf8
    string(a.source)
    if let stance = a.stance {
      bytes += #","stance":{"arguing":"#.utf8
      bytes += String(stance.arguing).utf8
      bytes += #","deciding":["#.utf8
      for (position, e) in stance.deciding.enumerated() {
        if position > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes += #"{"index":"#.utf8
        bytes += String(e.index).utf8
        bytes += #","label":"#.utf8
        string(e.label)
        bytes += #","logOdds":"#.utf8
        guard finite(e.logOdds) else { return false }
        bytes.append(UInt8(ascii: "}"))
      }
      bytes += #"],"label":"#.utf8
      string(stance.label)
      bytes += #","margin":"#.utf8
      guard finite(stance.margin) else { return false }
      bytes += #","score":"#.utf8
      guard finite(stance.score) else { return false }
      bytes.append(UInt8(ascii: "}"))
    }
    if let title = a.title {
      bytes += #","title":"#.utf8
      string(title)
    }
    if let vote = a.vote {
      bytes += #","vote":{"label":"#.utf8
      string(vote.label)
      bytes += #","passages":"#.utf8
      bytes += String(vote.passages).utf8
      bytes += #","probabilities":"#.utf8
      guard probabilities(vote.probabilities) else { return false }
      bytes.append(UInt8(ascii: "}"))
    }
    bytes.append(UInt8(ascii: "}"))
    return true
  }
}

/// A model's labels as classified records name them, with their JSON keys made once.
final class RecordLabels: Sendable {
  /// The labels, in the model's order.
  let names: [String]
  /// `"label":` per label (`,"label":` after the first) in UTF-8, escaped as the encoder
  /// escapes, when the labels are in the encoder's order (by UTF-8 bytes, as models keep them);
  /// else nil.
  let jsonKeys: [[UInt8]]?

  init(_ names: [String]) {
    self.names = names
    let ordered = zip(names, names.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    jsonKeys = ordered
      ? names.enumerated().map { position, name in
        var key = JSONLine()
        if position > 0 { key.bytes.append(UInt8(ascii: ",")) }
        key.string(name)
        key.bytes.append(UInt8(ascii: ":"))
        return key.bytes
      } : nil
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
    case .article(let a): return try a.jsonLine()
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
