import Foundation
import Testing
@testable import StanceKit

/// Regressions found by `scripts/fuzz model`: inputs the fuzz harness turns into a model file
/// (the first byte odd means: re-seal the length field and checksum of the rest, as the harness does).
enum ModelFuzzRegressions {
  /// crash-113bf33ae80c93372525c3beb350a9125fadb01c (CI smoke run, 2026-11-22).
  static let resealedCrash: [UInt8] = [1, 83, 84, 78, 67, 78, 66, 0, 0, 1, 0, 0, 0, 57, 6, 0, 255, 255, 255, 255, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 240, 63, 1, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 240, 63, 4, 0, 0, 0, 0, 0, 0, 0, 31, 46, 124, 147, 88, 52, 232, 17, 3, 0, 0, 0, 10, 0, 0, 0, 101, 110, 103, 97, 103, 101, 109, 101, 110, 116, 7, 0, 0, 0, 110, 101, 117, 116, 114, 97, 108, 9, 0, 0, 0, 114, 101, 115, 116, 114, 49, 57, 110, 116, 0, 0, 0, 0, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 0, 0, 0, 240, 63, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]

  /// crash-979c359994efb0f7a8f109c5e5391eed44d14d57 (CI smoke run, 2026-11-22).
  static let resealedCrash2: [UInt8] = [1, 83, 84, 78, 67, 78, 66, 0, 0, 1, 0, 0, 0, 57, 70, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 240, 63, 1, 1, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 0, 0, 0, 0, 0, 31, 46, 124, 147, 88, 55, 232, 17, 3, 0, 0, 0, 10, 0, 0, 0, 101, 110, 103, 97, 103, 101, 109, 101, 110, 116, 7, 0, 0, 0, 110, 101, 117, 116, 114, 97, 108, 9, 0, 0, 0, 114, 101, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 27, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 133, 0]

  /// crash-3540afd65efc5852b67d6ff5cbc00f4bcd4492f3 (CI smoke run, 2026-12-07): a version 1 file
  /// that decodes; the harness expected the same bytes back, where version 2 is written.
  static let versionOneRoundTrip: [UInt8] = [1, 83, 84, 78, 67, 78, 66, 0, 0, 1, 0, 0, 0, 175, 2, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 39, 0, 240, 63, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 240, 63, 3, 0, 0, 0, 0, 0, 0, 0, 65, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 112, 97, 121, 105, 110, 103, 6, 0, 0, 0, 0, 0, 105, 116, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 101, 50, 0, 27, 0, 1]

  /// The file the harness decodes from a fuzz input.
  static func modelBytes(_ input: [UInt8]) -> [UInt8] {
    var bytes = Array(input.dropFirst())
    if input[0] & 1 == 1, bytes.count >= ModelFile.headerSize + ModelFile.trailerSize {
      let payloadEnd = bytes.count - ModelFile.trailerSize
      var length = ByteWriter()
      length.u64(UInt64(payloadEnd - ModelFile.headerSize))
      bytes.replaceSubrange(12..<20, with: length.bytes)
      var sum = ByteWriter()
      sum.u64(ModelFile.checksum(bytes[..<payloadEnd]))
      bytes.replaceSubrange(payloadEnd..., with: sum.bytes)
    }
    return bytes
  }
}

@Test(arguments: [ModelFuzzRegressions.resealedCrash, ModelFuzzRegressions.resealedCrash2, ModelFuzzRegressions.versionOneRoundTrip])
func fuzzFoundModelDecodesToAUsableModelOrAnError(input: [UInt8]) {
  let bytes = ModelFuzzRegressions.modelBytes(input)
  do {
    let model = try NaiveBayesModel(serialized: bytes)
    #expect(model.serialized() == ModelFile.current(bytes))
    let prediction = model.predict("the alliance should withdraw troops and restrain spending")
    #expect(model.labels.contains(prediction.label))
    _ = model.explain("allies")
  } catch let error as ModelFileError {
    #expect(!error.description.isEmpty)
  } catch {
    Issue.record("unexpected error type: \(error)")
  }
}

/// Labels that differ in bytes but not as Swift strings (NFC "é" and NFD "e\u{301}") are refused
/// on load; they would collide in the label dictionaries that update and calibration build.
@Test func canonicallyEqualLabelsAreRefused() throws {
  let model = try NaiveBayesModel(
    training: [TrainingExample(text: "stay", label: "e\u{301}"), TrainingExample(text: "go", label: "f")],
    options: TrainingOptions())
  var bytes = model.serialized()
  // Respell "f" (1 byte) as NFC "é" is impossible in place (2 bytes), so build the collision by
  // replacing the label "f" with the 1-byte-longer "\u{E9}" and re-sealing length and checksum.
  let nfd = Array("e\u{301}".utf8)
  let f = Array("f".utf8)
  let labelStart = try #require(bytes.firstRange(of: nfd + [1, 0, 0, 0] + f))
  let nfc = Array("\u{E9}".utf8)
  // Order must stay byte-sorted: "e\u{301}" (65 cc 81) < "\u{E9}" (c3 a9).
  bytes.replaceSubrange(labelStart.upperBound - 5..<labelStart.upperBound, with: [UInt8(nfc.count), 0, 0, 0] + nfc)
  let payloadEnd = bytes.count - ModelFile.trailerSize
  var length = ByteWriter()
  length.u64(UInt64(payloadEnd - ModelFile.headerSize))
  bytes.replaceSubrange(12..<20, with: length.bytes)
  var sum = ByteWriter()
  sum.u64(ModelFile.checksum(bytes[..<payloadEnd]))
  bytes.replaceSubrange(payloadEnd..., with: sum.bytes)
  #expect(throws: ModelFileError.self) { try NaiveBayesModel(serialized: bytes) }
}
