/// CSV (RFC 4180 quoting, quoted newlines allowed) and TSV (no quoting) corpora with a header row.
enum DelimitedCorpus {
  static func parse(_ bytes: [UInt8], separator: UInt8, quoting: Bool, name: String) throws -> [LabelledPassage] {
    var records = RecordReader(bytes: bytes, separator: separator, quoting: quoting, name: name)
    guard let (_, headerFields) = try records.next() else {
      throw CorpusError(file: name, line: 1, message: "empty file: expected a header row with text and label")
    }
    let header = try headerFields.enumerated().map { column, field in
      guard let name = String(validating: field, as: UTF8.self) else {
        throw CorpusError(file: name, line: 1, message: "header is not valid UTF-8")
      }
      _ = column
      return name.trimmingWhitespace()
    }
    for required in ["text", "label"] where !header.contains(required) {
      throw CorpusError(
        file: name, line: 1,
        message: "header has no \"\(required)\" column (found: \(header.joined(separator: ", ")))")
    }
    var seen = Set<String>()
    for column in header where !seen.insert(column).inserted {
      throw CorpusError(file: name, line: 1, message: "duplicate column \"\(column)\" in the header")
    }
    var passages: [LabelledPassage] = []
    while let (line, fields) = try records.next() {
      if fields.count == 1 && fields[0].isEmpty { continue }
      guard fields.count == header.count else {
        throw CorpusError(
          file: name, line: line, message: "expected \(header.count) fields, found \(fields.count)")
      }
      var named: [(name: String, value: String?)] = []
      for (column, field) in zip(header, fields) {
        guard let value = String(validating: field, as: UTF8.self) else {
          throw CorpusError(file: name, line: line, message: "column \"\(column)\" is not valid UTF-8")
        }
        named.append((column, column == "id" || column == "group" ? (value.isEmpty ? nil : value) : value))
      }
      passages.append(try CorpusReader.passage(fields: named, line: line, name: name))
    }
    return passages
  }
}

/// Splits delimited bytes into records of raw fields, tracking the line each record starts on.
struct RecordReader {
  let bytes: [UInt8]
  let separator: UInt8
  let quoting: Bool
  let name: String
  private var index = 0
  private var line = 1

  init(bytes: [UInt8], separator: UInt8, quoting: Bool, name: String) {
    self.bytes = bytes
    self.separator = separator
    self.quoting = quoting
    self.name = name
  }

  /// The next record and its first line, or nil at the end.
  mutating func next() throws -> (line: Int, fields: [[UInt8]])? {
    guard index < bytes.count else { return nil }
    let startLine = line
    var fields: [[UInt8]] = []
    var field: [UInt8] = []
    var atFieldStart = true
    while index < bytes.count {
      let byte = bytes[index]
      if quoting && atFieldStart && byte == UInt8(ascii: "\"") {
        let quoteLine = line
        index += 1
        while true {
          guard index < bytes.count else {
            throw CorpusError(file: name, line: quoteLine, message: "unterminated quoted field")
          }
          let inner = bytes[index]
          index += 1
          if inner == UInt8(ascii: "\"") {
            if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
              field.append(inner)
              index += 1
              continue
            }
            break
          }
          if inner == 0x0A { line += 1 }
          field.append(inner)
        }
        atFieldStart = false
        // After a closing quote only a separator or the end of the record may follow.
        if index < bytes.count {
          let next = bytes[index]
          let endsRecord = next == 0x0A || (next == 0x0D && (index + 1 == bytes.count || bytes[index + 1] == 0x0A))
          if next != separator && !endsRecord {
            throw CorpusError(file: name, line: line, message: "text after a closing quote (a quote inside a field must be doubled)")
          }
        }
        continue
      }
      index += 1
      if byte == separator {
        fields.append(field)
        field = []
        atFieldStart = true
        continue
      }
      if byte == 0x0A {
        line += 1
        fields.append(field)
        return (startLine, fields)
      }
      if byte == 0x0D && (index == bytes.count || bytes[index] == 0x0A) { continue }
      if quoting && byte == UInt8(ascii: "\"") {
        throw CorpusError(file: name, line: line, message: "quote inside an unquoted field (quote the whole field)")
      }
      atFieldStart = false
      field.append(byte)
    }
    fields.append(field)
    return (startLine, fields)
  }
}

extension String {
  /// The string without leading and trailing ASCII spaces and tabs.
  func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
