import Foundation

/// JSON as every command and report writes it: keys sorted, slashes unescaped, pretty or one line.
public enum JSONText {
  // Made once: building an encoder per record showed up when classifying JSONL by the thousand.
  private static let line: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  private static let pretty: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  /// `value` as JSON text, without a trailing newline.
  public static func encode(_ value: some Encodable, pretty: Bool) throws -> String {
    String(decoding: try (pretty ? Self.pretty : line).encode(value), as: UTF8.self)
  }

  /// `value` as one line of JSON and its newline, in UTF-8.
  static func encodeLine(_ value: some Encodable) throws -> [UInt8] {
    Array(try line.encode(value)) + [UInt8(ascii: "\n")]
  }
}
