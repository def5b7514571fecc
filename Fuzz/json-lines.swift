// Fuzz target: the hand-built JSON lines of classified records and articles (`JSONLine`) against
// the generic encoder they promise to match byte for byte (`JSONText`), on strings, numbers, ids
// and label sets drawn from the input. Both must write the same bytes, or both must throw.

import Foundation

/// Draws values from the fuzzer's bytes; past the end every draw is zero or empty.
private struct Draw {
  var bytes: ArraySlice<UInt8>

  mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }

  mutating func int(below limit: Int) -> Int { Int(byte()) % limit }

  mutating func word() -> UInt64 { (0..<8).reduce(0) { value, _ in value << 8 | UInt64(byte()) } }

  /// Text of up to 31 bytes as UTF-8 (ill-formed sequences become U+FFFD, as in a decoded page).
  mutating func string() -> String {
    let count = int(below: 32)
    let taken = bytes.prefix(count)
    bytes = bytes.dropFirst(count)
    return String(decoding: taken, as: UTF8.self)
  }

  /// Mostly numbers a model writes (probabilities, log-odds), sometimes any bit pattern.
  mutating func double() -> Double {
    switch int(below: 4) {
    case 0: return Double(bitPattern: word())
    case 1: return Double(byte()) / 255
    case 2: return [0, -0.0, 1, .leastNormalMagnitude / 3, .leastNonzeroMagnitude, 0.1, 1e16, 1e-7, 2.5e-05, 0.30000000000000004][int(below: 10)]
    default: return Double(Int32(truncatingIfNeeded: word())) / Double(1 << int(below: 40))
    }
  }

  /// One to five distinct labels, in any order.
  mutating func labels() -> [String] {
    var names: [String] = []
    for _ in 0...int(below: 5) {
      let name = string()
      if !names.contains(name) { names.append(name) }
    }
    return names
  }

  mutating func probabilities(_ labels: [String]) -> [String: Double] {
    Dictionary(uniqueKeysWithValues: labels.map { ($0, double()) })
  }
}

private func same(_ direct: () throws -> [UInt8], _ encoded: () throws -> [UInt8], _ what: String) {
  let a = try? direct()
  let b = try? encoded()
  guard a != b else { return }
  // Optimised builds drop precondition messages: say what differed before trapping.
  let show = { (line: [UInt8]?) in line.map { String(decoding: $0, as: UTF8.self) } ?? "(throws)\n" }
  FileHandle.standardError.write(Data("\(what): hand-built \(show(a))encoder    \(show(b))".utf8))
  preconditionFailure("\(what): hand-built JSON line differs from the encoder's")
}

func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var draw = Draw(bytes: (data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])[...])
  if draw.int(below: 2) == 0 {
    let labels = draw.labels()
    let id: RecordID
    switch draw.int(below: 4) {
    case 0: id = .string(draw.string())
    case 1: id = .integer(Int(truncatingIfNeeded: draw.word()))
    case 2: id = .number(draw.double())
    default: id = .missing
    }
    let record = RecordResult(
      id: id, label: labels[draw.int(below: labels.count)], labels: RecordLabels(labels),
      values: labels.map { _ in draw.double() })
    same({ try record.jsonLine() }, { try JSONText.encodeLine(record) }, "record")
  } else {
    let labels = draw.labels()
    let passages = (0..<draw.int(below: 4)).map { index in
      ClassifiedPassage(
        index: index, heading: draw.int(below: 2) == 0, text: draw.string(),
        label: labels[draw.int(below: labels.count)], probabilities: draw.probabilities(labels))
    }
    let stance: ArticleStance? = draw.int(below: 2) == 0 ? nil : ArticleStance(
      label: draw.string(), score: draw.double(), margin: draw.double(), arguing: draw.int(below: 9),
      deciding: (0..<draw.int(below: 3)).map { _ in
        PassageEvidence(index: draw.int(below: 9), label: draw.string(), logOdds: draw.double())
      })
    let vote: ArticleDecision? = draw.int(below: 2) == 0 ? nil : ArticleDecision(
      label: draw.string(), probabilities: draw.probabilities(labels), passages: draw.int(below: 9))
    let title: String? = draw.int(below: 2) == 0 ? nil : draw.string()
    let article = ClassifiedArticle(
      source: draw.string(), title: title, label: draw.string(), stance: stance, vote: vote, passages: passages)
    same({ try article.jsonLine() }, { Array((try JSONText.encode(article, pretty: false) + "\n").utf8) }, "article")
  }
  return 0
}
