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

  /// Length-prefixed strings read all at once are the strings read one at a time, and any one
  /// that is not UTF-8 is refused, wherever it sits.
  @Test func stringsReadTogetherAreReadOneByOne() throws {
    var random = SeededRandom(state: 5)
    let pieces: [[UInt8]] = [Array("word".utf8), Array("é".utf8), Array("東京".utf8), [], [0xC3], [0xFF], [0xE6, 0x9D]]
    for round in 0..<300 {
      let count = Int(random.next() % 40)
      let strings = (0..<count).map { _ in
        (0..<Int(random.next() % 4)).flatMap { _ -> [UInt8] in
          // Invalid pieces are rare, so most rounds read valid strings to the end.
          let piece = pieces[Int(random.next() % UInt64(pieces.count))]
          return piece.count == 1 || piece.count == 2 ? (random.next() % 8 == 0 ? piece : []) : piece
        }
      }
      var writer = ByteWriter()
      for string in strings { writer.string(utf8: string) }
      writer.u32(7)
      var oneByOne = ByteReader(writer.bytes)
      var expected: Result<[[UInt8]], ModelFileError.Reason>
      do throws(ModelFileError.Reason) {
        expected = .success(try strings.map { (_) throws(ModelFileError.Reason) in Array(try oneByOne.utf8("feature")) })
      } catch {
        expected = .failure(error)
      }
      var together = ByteReader(writer.bytes)
      do throws(ModelFileError.Reason) {
        let (bytes, starts) = try together.utf8Strings(count: count, field: "feature")
        let read = (0..<count).map { Array(bytes[starts[$0]..<starts[$0 + 1]]) }
        #expect(expected == .success(read), "round \(round)")
        #expect(starts.count == count + 1 && starts.last == bytes.count)
        #expect(try together.u32() == 7, "round \(round): the reader ends after the strings")
      } catch {
        #expect(expected == .failure(error), "round \(round)")
      }
    }
    // A count past the bytes is a truncation, not a crash.
    var short = ByteReader([3, 0, 0, 0, 0x61])
    #expect(throws: ModelFileError.Reason.truncated(at: 5)) { try short.utf8Strings(count: 1, field: "feature") }
  }

  @Test func nonASCIIFeaturesLoadAndInvalidOnesAreRefused() throws {
    let examples = (0..<60).map { TrainingExample(text: "café \($0 % 7) naïve 東京 word\($0 % 5)", label: Fixtures.labels[$0 % 3]) }
    let model = try NaiveBayesModel(training: examples, options: Fixtures.options(.multinomial))
    let bytes = model.serialized()
    #expect(try NaiveBayesModel(serialized: bytes).serialized() == bytes)
    // "東" is E6 9D B1; a lone lead byte in its place is no longer UTF-8.
    let at = try #require(bytes.firstRange(of: [0xE6, 0x9D, 0xB1]))
    var damaged = bytes
    damaged.replaceSubrange(at, with: [0xE6, 0x41, 0x41])
    #expect(reason(resealed(damaged)) == .invalid("feature is not valid UTF-8"))
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
