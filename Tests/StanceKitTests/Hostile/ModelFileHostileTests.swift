import Foundation
import Testing

@testable import StanceKit

/// Damaged model files: each is refused with a `ModelFileError`, never loaded half-right, never a trap.
@Suite struct ModelFileHostileTests {
  static let model: NaiveBayesModel = {
    let examples = [
      TrainingExample(text: "bring the troops home and cut the foreign budget", label: "restraint"),
      TrainingExample(text: "stand with our allies and keep the bases open", label: "engagement"),
      TrainingExample(text: "the talks were held in Geneva on Monday", label: "neutral"),
      TrainingExample(text: "no more wars of choice; restraint is prudence", label: "restraint"),
    ]
    var options = TrainingOptions()
    options.features.ngramRange = 1...2
    return try! NaiveBayesModel(training: examples, options: options)
  }()

  static func decode(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Result<NaiveBayesModel, ModelFileError> {
    withinHangGuard("model decode", sourceLocation: sourceLocation) {
      do {
        return .success(try NaiveBayesModel(serialized: bytes))
      } catch let error as ModelFileError {
        return .failure(error)
      } catch {
        Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
        return .failure(ModelFileError(path: "?", reason: .invalid("?")))
      }
    }
  }

  /// Rewrites the checksum so a deliberate edit reaches the field checks behind it.
  static func resealed(_ bytes: [UInt8]) -> [UInt8] {
    var bytes = bytes
    let payloadEnd = bytes.count - ModelFile.trailerSize
    var sum = ByteWriter()
    sum.u64(ModelFile.checksum(bytes[..<payloadEnd]))
    bytes.replaceSubrange(payloadEnd..., with: sum.bytes)
    return bytes
  }

  static func replacing(_ bytes: [UInt8], at offset: Int, with double: Double) -> [UInt8] {
    var writer = ByteWriter()
    writer.f64(double)
    var bytes = bytes
    bytes.replaceSubrange(offset..<(offset + 8), with: writer.bytes)
    return resealed(bytes)
  }

  @Test func intactModelRoundTrips() throws {
    let bytes = Self.model.serialized()
    let decoded = try Self.decode(bytes).get()
    #expect(decoded.serialized() == bytes)
  }

  @Test func truncatedAtEverySixteenthIsRefused() {
    let bytes = Self.model.serialized()
    for sixteenth in 0..<16 {
      let cut = bytes.count * sixteenth / 16
      guard case .failure(let error) = Self.decode(Array(bytes[..<cut])) else {
        Issue.record("model truncated to \(cut) of \(bytes.count) bytes was accepted")
        continue
      }
      if cut > 0 { #expect(error.reason == .truncated(at: cut), "cut \(cut): \(error)") }
      #expect(error.description.contains("<memory>"))
    }
    // One byte short and one byte too many.
    #expect(throws: ModelFileError.self) { try NaiveBayesModel(serialized: Array(bytes.dropLast())) }
    #expect(throws: ModelFileError.self) { try NaiveBayesModel(serialized: bytes + [0]) }
  }

  @Test func everyFlippedByteIsRefused() {
    let bytes = Self.model.serialized()
    for offset in bytes.indices {
      for mask: UInt8 in [0x01, 0x80] {
        var damaged = bytes
        damaged[offset] ^= mask
        if case .success = Self.decode(damaged) {
          Issue.record("byte \(offset) flipped with \(mask) was accepted")
        }
      }
    }
  }

  @Test func futureVersionIsNamed() {
    var bytes = Self.model.serialized()
    bytes[8] = 3  // version u32 little-endian at offset 8
    guard case .failure(let error) = Self.decode(Self.resealed(bytes)) else {
      Issue.record("version 3 accepted")
      return
    }
    #expect(error.reason == .unsupportedVersion(3))
    #expect(error.description.contains("3"))
  }

  /// Offsets of f64 fields in the payload (see ModelFile's layout comment).
  static func documentCountOffset(_ model: NaiveBayesModel) -> Int {
    let fixed = 4 + 1 + 8 + 1 + 4 + 4 + 1 + 1 + 1 + 4 + 1 + 8 + 8 + 8
    let labels = 4 + model.labels.reduce(0) { $0 + 4 + $1.utf8.count }
    return ModelFile.headerSize + fixed + labels
  }

  @Test(arguments: [Double.nan, -.nan, .infinity, -.infinity, -1, 0.5, .signalingNaN, 1e300, -0.0])
  func nonWholeOrNaNCountsAreRefused(value: Double) {
    let bytes = Self.model.serialized()
    let documentCount = Self.documentCountOffset(Self.model)
    let lastFeatureCount = bytes.count - ModelFile.trailerSize - 8
    let alpha = ModelFile.headerSize + 4 + 1
    let temperature = ModelFile.headerSize + 4 + 1 + 8 + 1 + 4 + 4 + 1 + 1 + 1 + 4 + 1
    for (field, offset) in [("document count", documentCount), ("feature count", lastFeatureCount),
                            ("alpha", alpha), ("temperature", temperature)] {
      // 1e300 is a valid whole count but breaks the sums; 0.5 is a valid alpha but not a count.
      if field == "alpha" && (value == 0.5 || value == 1e300) { continue }
      guard case .failure(let error) = Self.decode(Self.replacing(bytes, at: offset, with: value)) else {
        Issue.record("\(field) = \(value) was accepted")
        continue
      }
      guard case .invalid = error.reason else {
        Issue.record("\(field) = \(value): \(error) is not a field error")
        continue
      }
    }
  }

  @Test func fileErrorsNameThePath() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("damaged.model").path
    try Data(Self.model.serialized().prefix(50)).write(to: URL(fileURLWithPath: path))
    #expect { try NaiveBayesModel(contentsOf: path) } throws: { error in
      (error as? ModelFileError)?.path == path && "\(error)".contains(path)
    }
    #expect { try NaiveBayesModel(contentsOf: directory.path) } throws: { error in
      (error as? ModelFileError)?.path == directory.path
    }
    let png = directory.appendingPathComponent("picture.model").path
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 100)).write(to: URL(fileURLWithPath: png))
    #expect { try NaiveBayesModel(contentsOf: png) } throws: { error in
      (error as? ModelFileError)?.reason == .badMagic
    }
  }
}
