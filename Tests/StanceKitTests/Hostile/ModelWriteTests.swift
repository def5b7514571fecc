import Foundation
import Testing

@testable import StanceKit

/// Writing a model over an existing file: the result is the new model, never a lost file.
@Suite struct ModelWriteTests {
  static func model(_ extra: String) throws -> NaiveBayesModel {
    try NaiveBayesModel(
      training: [
        TrainingExample(text: "bring the troops home \(extra)", label: "restraint"),
        TrainingExample(text: "stand with our allies \(extra)", label: "engagement"),
      ], options: TrainingOptions())
  }

  /// Regression: FileManager.replaceItemAt on Linux renamed the old file over the new temporary
  /// file and then deleted it, so retraining to an existing path lost the model entirely.
  @Test func overwritingKeepsTheNewModel() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("m.model").path
    let first = try Self.model("first")
    let second = try Self.model("second")
    try first.write(to: path)
    #expect(try NaiveBayesModel(contentsOf: path).serialized() == first.serialized())
    try second.write(to: path)
    #expect(try NaiveBayesModel(contentsOf: path).serialized() == second.serialized())
    try first.write(to: path)
    #expect(try NaiveBayesModel(contentsOf: path).serialized() == first.serialized())
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["m.model"])
  }

  @Test func staleTemporaryFilesOfDeadProcessesAreRemoved() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("m.model").path
    // A pid far above pid_max is never alive; pid 1 always is; "other" belongs to another file.
    let stale = AtomicWrite.temporaryName(for: "m.model", pid: 2_000_000_000)
    let live = AtomicWrite.temporaryName(for: "m.model", pid: 1)
    let other = AtomicWrite.temporaryName(for: "other.model", pid: 2_000_000_000)
    for name in [stale, live, other] {
      try Data("partial".utf8).write(to: directory.appendingPathComponent(name))
    }
    try Self.model("x").write(to: path)
    let left = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
    #expect(left == ["m.model", live, other])
  }

  @Test func unwritableDirectoryIsAClearError() throws {
    let path = "/nonexistent-\(UUID().uuidString)/m.model"
    #expect { try Self.model("x").write(to: path) } throws: { error in
      guard let error = error as? ModelFileError, case .io(let message) = error.reason else { return false }
      return error.path == path && message.contains("No such file or directory")
    }
  }
}
