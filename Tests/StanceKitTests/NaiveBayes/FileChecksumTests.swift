import Testing

@testable import StanceKit

/// The version 2 model checksum: its definition, taken in pieces, and what it catches.
@Suite struct FileChecksumTests {
  /// The definition written out plainly: words of eight bytes (the last zero-padded) into four
  /// lanes in turn, then the byte count and the lanes folded.
  static func reference(_ bytes: [UInt8]) -> UInt64 {
    func step(_ lane: UInt64, _ word: UInt64) -> UInt64 {
      let mixed = (lane ^ word) &* 0x9E37_79B9_7F4A_7C15
      return mixed ^ mixed >> 32
    }
    var lanes: [UInt64] = [0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89]
    for (index, start) in stride(from: 0, to: bytes.count, by: 8).enumerated() {
      var word: UInt64 = 0
      for (shift, byte) in bytes[start..<min(start + 8, bytes.count)].enumerated() { word |= UInt64(byte) << UInt64(8 * shift) }
      lanes[index % 4] = step(lanes[index % 4], word)
    }
    return lanes.reduce(step(0, UInt64(bytes.count)), step)
  }

  static func bytes(count: Int, seed: UInt64) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
  }

  @Test func piecesOfAnySizeGiveTheDefinedValue() {
    var random = SplitMix64(seed: 4)
    for count in [0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 1000, 4099] {
      let data = Self.bytes(count: count, seed: UInt64(count))
      let expected = Self.reference(data)
      for _ in 0..<20 {
        var checksum = FileChecksum()
        var start = 0
        while start < count {
          let end = min(count, start + Int(random.next() % 40))
          checksum.combine(data[start..<end])
          start = end
        }
        #expect(checksum.value == expected, "\(count) bytes")
      }
    }
  }

  @Test func everyFlippedBitIsCaught() {
    let data = Self.bytes(count: 203, seed: 1)
    let original = Self.reference(data)
    for bit in 0..<(8 * data.count) {
      var damaged = data
      damaged[bit / 8] ^= UInt8(1 << (bit % 8))
      var checksum = FileChecksum()
      checksum.combine(damaged[...])
      #expect(checksum.value != original, "bit \(bit)")
    }
    // A zero byte appended changes only the count, and is caught too.
    var longer = FileChecksum()
    longer.combine((data + [0])[...])
    #expect(longer.value != original)
  }

  @Test func versionOneFilesStillLoad() throws {
    let model = try NaiveBayesModel(training: Fixtures.examples(count: 60, seed: 2), options: Fixtures.options(.multinomial))
    var bytes = model.serialized()
    #expect(bytes[8] == 2)
    // Version 1: the same payload under an FNV-1a-64 checksum.
    bytes[8] = 1
    let end = bytes.count - ModelFile.trailerSize
    var fnv = FNV1a64()
    fnv.combine(bytes[..<end])
    var trailer = ByteWriter()
    trailer.u64(fnv.value)
    bytes.replaceSubrange(end..., with: trailer.bytes)
    let loaded = try NaiveBayesModel(serialized: bytes)
    #expect(loaded.serialized() == model.serialized())
    #expect(ModelFile.current(bytes) == model.serialized())
    #expect(ModelFile.current(model.serialized()) == model.serialized())
    // A version 1 file under the version 2 checksum is damaged.
    var mixed = bytes
    var wrong = ByteWriter()
    var checksum = FileChecksum()
    checksum.combine(bytes[..<end])
    wrong.u64(checksum.value)
    mixed.replaceSubrange(end..., with: wrong.bytes)
    #expect(throws: ModelFileError.self) { try NaiveBayesModel(serialized: mixed) }
  }
}
