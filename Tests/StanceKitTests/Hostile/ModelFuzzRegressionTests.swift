import Foundation
import Testing

@testable import StanceKit

/// Inputs the `model` fuzz target found, replayed exactly as the harness does.
@Suite struct ModelFuzzRegressionTests {
  /// Applies the harness's re-sealing (odd first byte: rewrite length and checksum), then decodes.
  static func replay(_ hex: String) throws {
    var input: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      input.append(UInt8(hex[index..<next], radix: 16)!)
      index = next
    }
    var bytes = Array(input.dropFirst())
    if input[0] & 1 == 1, bytes.count >= ModelFile.headerSize + ModelFile.trailerSize {
      let payloadEnd = bytes.count - ModelFile.trailerSize
      var length = ByteWriter()
      length.u64(UInt64(payloadEnd - ModelFile.headerSize))
      bytes.replaceSubrange(12..<20, with: length.bytes)
      bytes = ModelFileHostileTests.resealed(bytes)
    }
    guard let model = try? NaiveBayesModel(serialized: bytes) else { return }
    #expect(model.serialized() == bytes, "a decoded model must re-encode to the same bytes")
    let prediction = model.predict("the alliance should withdraw troops and restrain spending")
    #expect(model.labels.contains(prediction.label))
    #expect(prediction.probabilities.allSatisfy { $0.isFinite })
    _ = model.explain("allies")
  }

  @Test func crash4de5d220() throws {
    try Self.replay("0153544e434e42000001000000000001020200000002000000000039250000000000000100000002000000000000f03f0000014f7074000000ec000000000000000000360600000000000004000000000000000200000000000200000000282d0000000036373737000000000000000000000000010101000000000000011b1b537472696e67000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000080000000000000006531001b01")
  }
}
