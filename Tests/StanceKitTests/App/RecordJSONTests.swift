import Foundation
import Testing

@testable import StanceKit

/// The hand-built JSON line of a classified record must be the generic encoder's, byte for byte.
@Suite struct RecordJSONTests {
  static let values: [Double] = [
    0, -0.0, 1, 0.5, 0.1, 1e-300, Double.leastNonzeroMagnitude, 2.5e-05, 1e-07, 100, 3e15, 1e16, 1.2345678901234568e+20,
    0.30000000000000004, 1.7976931348623157e308, 0.9999999999999999,
  ]

  @Test func matchesTheEncoderForEveryKindOfIdAndNumber() throws {
    let ids: [RecordID] = [.string("a/b é"), .integer(-7), .integer(0), .missing, .number(2.5), .string("tab\there"), .string("q\"")]
    for id in ids {
      for value in Self.values {
        let record = RecordResult(
          id: id, label: "restraint", labels: RecordLabels(["Zed", "engagement", "neutral", "restraint"]),
          values: [0.25, 1 - value, value / 3, value])
        #expect(try Self.line(record) == JSONText.encode(record, pretty: false) + "\n", "\(id) \(value)")
      }
    }
  }

  @Test func labelsThatNeedEscapingOrAreOutOfOrderMatchTheEncoder() throws {
    let record = RecordResult(id: .integer(1), label: "a\u{1}b", labels: RecordLabels(["a\u{1}b", "c\\d"]), values: [1, 0])
    #expect(try Self.line(record) == JSONText.encode(record, pretty: false) + "\n")
    #expect(try Self.line(record).contains(#"\u0001"#))
    let unordered = RecordResult(id: .missing, label: "b", labels: RecordLabels(["b", "a"]), values: [0.75, 0.25])
    #expect(try Self.line(unordered) == JSONText.encode(unordered, pretty: false) + "\n")
    #expect(try Self.line(unordered) == #"{"id":null,"label":"b","probabilities":{"a":0.25,"b":0.75}}"# + "\n")
  }

  @Test func aNumberJSONCannotHoldFailsAsTheEncoderDoes() {
    for bad in [Double.nan, .infinity, -.infinity] {
      for position in 0..<3 {
        var values: [Double] = [0.25, 0.5, 0.25]
        values[position] = bad
        let record = RecordResult(id: .string("x"), label: "b", labels: RecordLabels(["a", "b", "c"]), values: values)
        #expect(throws: EncodingError.self) { try record.jsonLine() }
      }
    }
  }

  static func line(_ record: RecordResult) throws -> String { String(decoding: try record.jsonLine(), as: UTF8.self) }
}
