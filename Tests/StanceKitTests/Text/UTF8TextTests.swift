import Testing

@testable import StanceKit

/// `UTF8Text` validates by itself and then builds strings without the standard library's check,
/// so it must refuse exactly what the standard library refuses.
@Suite struct UTF8TextTests {
  /// The standard library's verdict and string for `bytes`, against `UTF8Text`'s, with ASCII
  /// runs of eight and more before and after so that the word-at-a-time path is crossed too.
  private func agree(_ core: [UInt8]) -> Bool {
    for bytes in [core, Array("eight by".utf8) + core + Array(" and more after".utf8)] {
      let expected = String(validating: bytes, as: UTF8.self)
      let got = bytes.withUnsafeBufferPointer { UTF8Text.string($0) }
      let valid = bytes.withUnsafeBufferPointer { UTF8Text.isValid($0) }
      guard got == expected, valid == (expected != nil), got.map({ Array($0.utf8) == bytes }) ?? true else { return false }
    }
    return true
  }

  @Test func everyOneAndTwoByteSequence() {
    var failures: [[UInt8]] = []
    for first in 0...255 {
      if !agree([UInt8(first)]) { failures.append([UInt8(first)]) }
      for second in 0...255 where !agree([UInt8(first), UInt8(second)]) { failures.append([UInt8(first), UInt8(second)]) }
    }
    #expect(failures.isEmpty, "first disagreements: \(failures.prefix(5))")
  }

  @Test func threeAndFourByteSequencesAroundEveryBoundary() {
    // Lead bytes from the last two-byte lead to past the last valid one, and continuation bytes
    // at and around the edges of every range table 3-7 uses.
    let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF4, 0xFF]
    var failures: [[UInt8]] = []
    for lead in 0xDF...0xFF {
      for second in edges {
        for third in edges {
          let three = [UInt8(lead), second, third]
          if !agree(three) { failures.append(three) }
          for fourth in edges where !agree(three + [fourth]) { failures.append(three + [fourth]) }
        }
      }
    }
    #expect(failures.isEmpty, "first disagreements: \(failures.prefix(5))")
  }

  @Test func textsKeepTheirScalars() throws {
    let text = "Caf\u{E9} \u{201C}quoted\u{201D}, \u{4E2D}\u{6587} and \u{1F600}: a longer line of mixed text."
    let bytes = Array(text.utf8)
    let made = try #require(bytes.withUnsafeBufferPointer { UTF8Text.string($0) })
    #expect(made == text)
    #expect(Array(made.unicodeScalars) == Array(text.unicodeScalars))
    #expect(bytes.withUnsafeBufferPointer { UTF8Text.string(UnsafeBufferPointer(rebasing: $0.dropLast(0))) } == text)
    // An empty buffer, with or without storage, is the empty string.
    #expect(UTF8Text.string(UnsafeBufferPointer(start: nil, count: 0)) == "")
    #expect([UInt8]().withUnsafeBufferPointer { UTF8Text.string($0) } == "")
    // A string cut inside a four-byte scalar is refused.
    let cut = Array(bytes.dropLast(" a longer line of mixed text.".utf8.count + 2))
    #expect(cut.withUnsafeBufferPointer { UTF8Text.string($0) } == nil)
  }
}
