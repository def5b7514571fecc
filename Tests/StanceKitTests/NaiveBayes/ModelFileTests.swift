import Foundation
import Testing
@testable import StanceKit

@Suite struct ModelFileTests {
  func sampleModel(_ variant: NaiveBayesVariant = .multinomial) throws -> NaiveBayesModel {
    try NaiveBayesModel(training: Fixtures.examples(count: 120, seed: 9), options: Fixtures.options(variant))
  }

  func reason(_ bytes: [UInt8]) -> ModelFileError.Reason? {
    do {
      _ = try NaiveBayesModel(serialized: bytes)
      return nil
    } catch let error as ModelFileError {
      return error.reason
    } catch {
      Issue.record("unexpected error type \(error)")
      return nil
    }
  }

  /// Rewrites the trailer checksum so the damage underneath it is what the reader sees.
  func resealed(_ bytes: [UInt8]) -> [UInt8] {
    var bytes = bytes
    let end = bytes.count - ModelFile.trailerSize
    var writer = ByteWriter()
    writer.u64(ModelFile.checksum(bytes[..<end]))
    bytes.replaceSubrange(end..., with: writer.bytes)
    return bytes
  }

  @Test(arguments: NaiveBayesVariant.allCases)
  func roundTripIsExact(_ variant: NaiveBayesVariant) throws {
    let model = try sampleModel(variant)
    let bytes = model.serialized()
    #expect(bytes.starts(with: Array("STNCNB".utf8) + [0, 0]))
    let loaded = try NaiveBayesModel(serialized: bytes)
    #expect(loaded.serialized() == bytes)
    #expect(loaded.labels == model.labels)
    #expect(loaded.options == model.options)
    for example in Fixtures.examples(count: 30, seed: 4) {
      #expect(loaded.predict(example.text).logProbabilities == model.predict(example.text).logProbabilities)
    }
  }

  /// Encoded a piece at a time, to memory or to a file, the model is the same bytes.
  @Test func piecesMakeTheWholeFile() throws {
    let model = try sampleModel()
    let whole = model.serialized()
    for pieceBytes in [1, 13, 4096] {
      var pieces: [[UInt8]] = []
      ModelFile.encode(model, pieceBytes: pieceBytes) { pieces.append($0) }
      #expect(pieces.count > 1)
      #expect(Array(pieces.joined()) == whole, "pieces of \(pieceBytes) bytes")
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pieces-\(UUID()).stance").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try model.write(to: Output(path))
    #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == whole)
  }

  @Test func truncationAtEverySixteenthIsReported() throws {
    let bytes = try sampleModel().serialized()
    for step in 0..<16 {
      let cut = bytes.count * step / 16
      #expect(reason(Array(bytes[..<cut])) == .truncated(at: cut), "cut at \(cut)")
    }
    for cut in [1, 7, 8, 11, 12, 19, 20, bytes.count - 1] {
      #expect(reason(Array(bytes[..<cut])) == .truncated(at: cut), "cut at \(cut)")
    }
  }

  @Test func flippedBytesAreDetected() throws {
    let bytes = try sampleModel().serialized()
    for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
      var damaged = bytes
      damaged[position] ^= 0x10
      #expect(reason(damaged) != nil, "flip at \(position)")
    }
    var damaged = bytes
    damaged[bytes.count / 2] ^= 0x01
    #expect(reason(damaged) == .checksumMismatch)
  }

  @Test func foreignAndFutureFilesAreRefused() throws {
    #expect(reason(Array("{\"text\": \"not a model\"}".utf8)) == .badMagic)
    #expect(reason(Array("STNC".utf8) + [9]) == .badMagic)
    var future = try sampleModel().serialized()
    future[8] = 3
    #expect(reason(future) == .unsupportedVersion(3))
    let bytes = try sampleModel().serialized()
    #expect(reason(bytes + [0]) == .trailingBytes(1))
  }

  @Test func impossibleCountsAreRefused() throws {
    let good = try sampleModel()
    var nan = good.counts
    nan.cellCounts[0] = .nan
    guard case .invalid = reason(NaiveBayesModel(counts: nan, options: good.options).serialized()) else {
      Issue.record("NaN count accepted")
      return
    }
    var negative = good.counts
    negative.documentCounts[0] = -1
    negative.exampleCount -= UInt64(good.counts.documentCounts[0] + 1)
    guard case .invalid = reason(NaiveBayesModel(counts: negative, options: good.options).serialized()) else {
      Issue.record("negative count accepted")
      return
    }
    var inconsistent = good.counts
    inconsistent.exampleCount += 1
    guard case .invalid(let message) = reason(NaiveBayesModel(counts: inconsistent, options: good.options).serialized())
    else {
      Issue.record("inconsistent document total accepted")
      return
    }
    #expect(message.contains("document counts"))
  }

  @Test func inconsistentTotalsAreRefused() throws {
    let bytes = try sampleModel().serialized()
    // The first label's total sits right after the vocabulary; find it by re-reading the layout.
    var reader = ByteReader(bytes, from: ModelFile.headerSize)
    _ = try reader.take(4 + 1 + 8 + 1 + 4 + 4 + 1 + 1 + 1 + 4 + 1 + 8 + 8 + 8)
    let labelCount = Int(try reader.u32())
    for _ in 0..<labelCount { _ = try reader.string("label") }
    _ = try reader.take(8 * labelCount)
    let size = Int(try reader.u32())
    for _ in 0..<size { _ = try reader.string("feature") }
    let totalOffset = reader.offset
    var damaged = bytes
    var writer = ByteWriter()
    writer.f64(Double(bitPattern: try reader.u64()) + 1)
    damaged.replaceSubrange(totalOffset..<(totalOffset + 8), with: writer.bytes)
    guard case .invalid(let message) = reason(resealed(damaged)) else {
      Issue.record("inconsistent total accepted")
      return
    }
    #expect(message.contains("add up"))
  }

  @Test func randomGarbageNeverCrashes() throws {
    let bytes = try sampleModel().serialized()
    var random = SeededRandom(state: 12)
    for _ in 0..<300 {
      var damaged = bytes
      for _ in 0..<(1 + Int(random.next() % 4)) {
        damaged[Int(random.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: random.next())
      }
      // Resealed, so the parser itself meets the damage rather than the checksum.
      _ = reason(resealed(damaged))
    }
  }

  @Test func filesAreWrittenAtomicallyAndErrorsNameThePath() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stance-model-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("m.stnb").path
    let model = try sampleModel()
    try model.write(to: path)
    try model.write(to: path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["m.stnb"])
    #expect(try NaiveBayesModel(contentsOf: path).serialized() == model.serialized())
    // Written as it is encoded, piece by piece, the file is the serialised model byte for byte.
    #expect(try Ingester.readFile(path) == model.serialized())
    let broken = directory.appendingPathComponent("broken.stnb").path
    _ = FileManager.default.createFile(atPath: broken, contents: Data(model.serialized().prefix(40)))
    do {
      _ = try NaiveBayesModel(contentsOf: broken)
      Issue.record("truncated file accepted")
    } catch let error as ModelFileError {
      #expect(error.description == "\(broken): truncated at byte 40")
    }
    #expect(throws: ModelFileError.self) { try NaiveBayesModel(contentsOf: directory.appendingPathComponent("missing").path) }
  }
}
