/// The one JSON Lines reader: each non-blank line one JSON object, every problem named by line.
/// It reads from a `ByteStream`, so a file of any size is read a line at a time.
struct JSONLines {
  /// One non-blank line: its members, or why it is not one JSON object.
  enum Line {
    case object(line: Int, members: [(String, JSONValue)])
    case invalid(CorpusError)
  }

  let name: String
  private let stream: ByteStream
  private let maxLineBytes: Int
  /// The last line read, 1-based.
  private(set) var lineNumber = 0
  /// Whether any non-blank line was read.
  private(set) var sawLine = false

  /// Lines of `stream`; a line over `maxLineBytes` is skipped without being held and reported.
  init(_ stream: ByteStream, name: String, maxLineBytes: Int = .max) {
    self.stream = stream
    self.name = name
    self.maxLineBytes = maxLineBytes
  }

  /// The next non-blank line, nil at the end. `head` sees the first line's bytes (up to
  /// `InputKind.sniffBytes`) before anything is parsed, to refuse binary input by name; a
  /// byte-order mark is dropped.
  mutating func next(head: (ArraySlice<UInt8>) throws -> Void = { _ in }) throws -> Line? {
    while var line = try stream.line(limit: maxLineBytes == .max ? .max : maxLineBytes + 1) {
      lineNumber += 1
      if lineNumber == 1 {
        try head(line.prefix(InputKind.sniffBytes))
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
      }
      let complete = line.last == 0x0A
      if line.count - (complete ? 1 : 0) > maxLineBytes {
        // Too long to hold: skip to the end of the line without keeping it.
        if !complete { while let rest = try stream.line(limit: ByteStream.blockSize), rest.last != 0x0A {} }
        sawLine = true
        return .invalid(
          CorpusError(file: name, line: lineNumber, message: "line is longer than the limit of \(maxLineBytes) bytes; raise --max-bytes to accept it"))
      }
      if complete { line = line.dropLast() }
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      sawLine = true
      var parser = JSONParser(line)
      switch parser.parseObjectLineResult() {
      case .success(let members): return .object(line: lineNumber, members: members)
      case .failure(let error):
        return .invalid(CorpusError(file: name, line: lineNumber, message: "invalid JSON: \(error.message)"))
      }
    }
    return nil
  }

  /// Calls `body` with each non-blank line's number and members, in order; a line that is not a
  /// JSON object goes to `invalid` instead (which may throw to stop, or return to go on).
  static func forEachObject(
    in bytes: [UInt8], name: String, invalid: (CorpusError) throws -> Void,
    _ body: (Int, [(String, JSONValue)]) throws -> Void
  ) rethrows {
    var lines = JSONLines(ByteStream(bytes: bytes, name: name), name: name)
    // An in-memory stream never fails to read.
    while let line = try? lines.next() {
      switch line {
      case .object(let number, let members): try body(number, members)
      case .invalid(let error): try invalid(error)
      }
    }
  }
}

/// JSON Lines corpora: one object per line with "text" and "label"; blank lines are skipped.
enum JSONLinesCorpus {
  static func parse(_ bytes: [UInt8], name: String) throws -> [LabelledPassage] {
    var passages: [LabelledPassage] = []
    try JSONLines.forEachObject(in: bytes, name: name, invalid: { throw $0 }) { lineNumber, fields in
      passages.append(try passage(fields, line: lineNumber, name: name))
    }
    return passages
  }

  /// The passage in one line's members; "text" must be a string and "label" a scalar.
  static func passage(_ fields: [(String, JSONValue)], line lineNumber: Int, name: String) throws -> LabelledPassage {
    var named: [(name: String, value: String?)] = []
    for (key, value) in fields {
      switch (key, value) {
      case ("text", .string(let text)): named.append((key, text))
      case ("text", _):
        throw CorpusError(file: name, line: lineNumber, message: "\"text\" must be a string, found \(value.kind)")
      case ("label", .object), ("label", .array), ("label", .null), ("label", .bool):
        throw CorpusError(file: name, line: lineNumber, message: "\"label\" must be a string, found \(value.kind)")
      default: named.append((key, value.stringified))
      }
    }
    return try CorpusReader.passage(fields: named, line: lineNumber, name: name)
  }
}

/// A parsed JSON value; numbers keep their literal text so they stringify as written.
enum JSONValue {
  case string(String)
  case number(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  var kind: String {
    switch self {
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .null: "null"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// Strings as themselves, numbers and booleans as written, arrays and objects as compact JSON, null as nil.
  var stringified: String? {
    switch self {
    case .string(let value): value
    case .number(let literal): literal
    case .bool(let value): value ? "true" : "false"
    case .null: nil
    case .array, .object: json
    }
  }

  var json: String {
    switch self {
    case .string(let value): Self.quoted(value)
    case .number(let literal): literal
    case .bool(let value): value ? "true" : "false"
    case .null: "null"
    case .array(let items): "[" + items.map(\.json).joined(separator: ",") + "]"
    case .object(let members):
      "{" + members.map { Self.quoted($0.0) + ":" + $0.1.json }.joined(separator: ",") + "}"
    }
  }

  static func quoted(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 {
          result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
            + String(scalar.value, radix: 16)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}

/// A small strict JSON parser over bytes (RFC 8259), with nesting capped so input cannot exhaust the stack.
struct JSONParser {
  struct Failure: Error {
    var message: String
  }

  private let bytes: ArraySlice<UInt8>
  private var index: Int
  private var depth = 0
  /// Deeper nesting than this is refused: metadata never needs it, and recursion must stay bounded.
  static let maximumDepth = 64

  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    self.index = bytes.startIndex
  }

  /// `parseObjectLine()` as a `Result`.
  mutating func parseObjectLineResult() -> Result<[(String, JSONValue)], Failure> {
    Result { () throws(Failure) in try parseObjectLine() }
  }

  /// Parses one object that must fill the whole line (surrounding whitespace allowed).
  mutating func parseObjectLine() throws(Failure) -> [(String, JSONValue)] {
    skipWhitespace()
    guard peek() == UInt8(ascii: "{") else { throw fail("expected an object starting with '{'") }
    guard case .object(let members) = try value() else { throw fail("expected an object") }
    skipWhitespace()
    guard index == bytes.endIndex else { throw fail("unexpected text after the object") }
    // Records have a handful of keys: a pairwise scan beats hashing them.
    for (position, member) in members.enumerated() where members[..<position].contains(where: { $0.0 == member.0 }) {
      throw Failure(message: "duplicate key \"\(member.0)\"")
    }
    return members
  }

  private func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

  private func fail(_ message: String) -> Failure {
    Failure(message: "\(message) at column \(index - bytes.startIndex + 1)")
  }

  private mutating func skipWhitespace() {
    while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { index += 1 }
  }

  private mutating func value() throws(Failure) -> JSONValue {
    skipWhitespace()
    guard let byte = peek() else { throw fail("unexpected end of line") }
    switch byte {
    case UInt8(ascii: "{"):
      depth += 1
      defer { depth -= 1 }
      guard depth <= Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth)") }
      index += 1
      var members: [(String, JSONValue)] = []
      skipWhitespace()
      if peek() == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      while true {
        skipWhitespace()
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
        let key = try string()
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else { throw fail("expected ':'") }
        index += 1
        members.append((key, try value()))
        skipWhitespace()
        if peek() == UInt8(ascii: ",") {
          index += 1
        } else if peek() == UInt8(ascii: "}") {
          index += 1
          return .object(members)
        } else {
          throw fail("expected ',' or '}'")
        }
      }
    case UInt8(ascii: "["):
      depth += 1
      defer { depth -= 1 }
      guard depth <= Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth)") }
      index += 1
      var items: [JSONValue] = []
      skipWhitespace()
      if peek() == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      while true {
        items.append(try value())
        skipWhitespace()
        if peek() == UInt8(ascii: ",") {
          index += 1
        } else if peek() == UInt8(ascii: "]") {
          index += 1
          return .array(items)
        } else {
          throw fail("expected ',' or ']'")
        }
      }
    case UInt8(ascii: "\""):
      return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return .number(try number())
    default:
      throw fail("unexpected character")
    }
  }

  private mutating func literal(_ word: String) throws(Failure) {
    for expected in word.utf8 {
      guard peek() == expected else { throw fail("invalid literal") }
      index += 1
    }
  }

  private mutating func number() throws(Failure) -> String {
    let start = index
    func digits(_ parser: inout JSONParser) -> Int {
      var count = 0
      while let byte = parser.peek(), byte >= 0x30 && byte <= 0x39 {
        parser.index += 1
        count += 1
      }
      return count
    }
    if peek() == UInt8(ascii: "-") { index += 1 }
    if peek() == UInt8(ascii: "0") {
      index += 1
    } else if digits(&self) == 0 {
      throw fail("invalid number")
    }
    if peek() == UInt8(ascii: ".") {
      index += 1
      guard digits(&self) > 0 else { throw fail("invalid number") }
    }
    if let byte = peek(), byte | 0x20 == UInt8(ascii: "e") {
      index += 1
      if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
      guard digits(&self) > 0 else { throw fail("invalid number") }
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  /// The position of the first `"`, backslash or control byte at or after `start`, or the end.
  private func nextSpecial(from start: Int) -> Int {
    bytes.withUnsafeBufferPointer { bytes.startIndex + Self.firstSpecial($0, from: start - bytes.startIndex) }
  }

  /// The offset of the first `"`, backslash or control byte of `buffer` at or after `start`, or
  /// its count: the bytes a JSON string must escape. Texts run to thousands of bytes between
  /// them, so eight bytes are tested at a time (the parser and `JSONLine` both search this way).
  @inline(__always)
  static func firstSpecial(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var offset = start
    if let base = buffer.baseAddress {
      while offset + 8 <= buffer.count {
        let special = specialBytes(UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)))
        if special != 0 { return offset + special.trailingZeroBitCount / 8 }
        offset += 8
      }
    }
    while offset < buffer.count {
      let byte = buffer[offset]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
      offset += 1
    }
    return offset
  }

  /// The high bit of each byte of `word` that is `"`, a backslash or below 0x20; the lowest one
  /// set is exact (a borrow that could flag a byte wrongly comes from a lower flagged byte).
  static func specialBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    func below(_ value: UInt64, _ limit: UInt64) -> UInt64 { (value &- ones &* limit) & ~value & high }
    return below(word ^ (ones &* 0x22), 1) | below(word ^ (ones &* 0x5C), 1) | below(word, 0x20)
  }

  private mutating func string() throws(Failure) -> String {
    index += 1
    // The unescaped runs between escapes; none at all (the common case) and the text is a
    // single run of the input's bytes.
    var output: [UInt8] = []
    var escaped = false
    var runStart = index
    while true {
      index = nextSpecial(from: index)
      guard let byte = peek() else { throw fail("unterminated string") }
      if byte == UInt8(ascii: "\"") {
        if !escaped {
          let (start, end) = (runStart - bytes.startIndex, index - bytes.startIndex)
          let text = bytes.withUnsafeBufferPointer { UTF8Text.string(UnsafeBufferPointer(rebasing: $0[start..<end])) }
          guard let text else { throw fail("invalid UTF-8 in string") }
          index += 1
          return text
        }
        appendRun(runStart..<index, to: &output)
        index += 1
        break
      }
      if byte < 0x20 { throw fail("control character in string") }
      escaped = true
      appendRun(runStart..<index, to: &output)
      index += 1
      guard let escape = peek() else { throw fail("unterminated string") }
      index += 1
      switch escape {
      case UInt8(ascii: "\""): output.append(0x22)
      case UInt8(ascii: "\\"): output.append(0x5C)
      case UInt8(ascii: "/"): output.append(0x2F)
      case UInt8(ascii: "b"): output.append(0x08)
      case UInt8(ascii: "f"): output.append(0x0C)
      case UInt8(ascii: "n"): output.append(0x0A)
      case UInt8(ascii: "r"): output.append(0x0D)
      case UInt8(ascii: "t"): output.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
          // A high surrogate must pair with a following \u low surrogate.
          guard peek() == UInt8(ascii: "\\") else { throw fail("unpaired surrogate") }
          index += 1
          guard peek() == UInt8(ascii: "u") else { throw fail("unpaired surrogate") }
          index += 1
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
          throw fail("unpaired surrogate")
        }
        output.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
      default:
        throw fail("invalid escape")
      }
      runStart = index
    }
    guard let text = output.withUnsafeBufferPointer({ UTF8Text.string($0) }) else {
      throw fail("invalid UTF-8 in string")
    }
    return text
  }

  /// Appends `bytes[run]` to `output` through a buffer pointer: appending the slice itself took
  /// the generic path, 190 instructions a call, and texts escape every line break.
  private func appendRun(_ run: Range<Int>, to output: inout [UInt8]) {
    if output.isEmpty { output.reserveCapacity(bytes.endIndex - run.lowerBound) }
    bytes.withUnsafeBufferPointer { buffer in
      let base = bytes.startIndex
      output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[(run.lowerBound - base)..<(run.upperBound - base)]))
    }
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = peek() else { throw fail("invalid \\u escape") }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 0x30
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 0x61 + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 0x41 + 10
      default: throw fail("invalid \\u escape")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }
}
