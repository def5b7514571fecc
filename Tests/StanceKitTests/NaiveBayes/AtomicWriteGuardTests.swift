import Foundation
import Testing
@testable import StanceKit

/// A model written to a FIFO that nobody reads is refused at once (no hang) and the FIFO is left
/// in place, not renamed over; a symbolic link is followed and stays a link.
@Test func modelWritesRefuseNonRegularFilesAndFollowLinks() throws {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID())")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let model = try NaiveBayesModel(
    training: [TrainingExample(text: "stay the course", label: "e"), TrainingExample(text: "come home", label: "r")],
    options: TrainingOptions())

  let fifo = folder.appendingPathComponent("pipe").path
  #expect(mkfifo(fifo, 0o600) == 0)
  #expect(throws: ModelFileError.self) { try model.write(to: fifo) }
  var status = stat()
  #expect(lstat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)

  let real = folder.appendingPathComponent("real.stance").path
  let link = folder.appendingPathComponent("link.stance").path
  try model.write(to: real)
  #expect(symlink(real, link) == 0)
  try model.write(to: link)
  #expect(lstat(link, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK)
  #expect(try NaiveBayesModel(contentsOf: link).labels == ["e", "r"])
}
