import Foundation

/// Where a command's result goes: standard output (no `-o`, or `-o -`), or a file written by
/// the one atomic writer (see `AtomicWrite` for regular files, devices and FIFOs).
public struct Output: Sendable {
  /// The file, or nil for standard output.
  public let path: String?

  /// The target `-o` names; nil or "-" is standard output.
  public init(_ path: String?) { self.path = path == "-" ? nil : path }

  /// Fails at once, before any work, when the target can never be written: a directory, or a
  /// path whose folder does not exist.
  public func check() throws {
    guard let path else { return }
    var status = stat()
    if stat(path, &status) == 0 {
      if (status.st_mode & S_IFMT) == S_IFDIR { throw OutputError(path: path, reason: "cannot write: is a directory") }
      return
    }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if stat(folder, &status) != 0 || (status.st_mode & S_IFMT) != S_IFDIR {
      throw OutputError(path: path, reason: "cannot write: no such directory \(folder)")
    }
  }

  /// Writes the whole result.
  public func write(_ bytes: [UInt8]) throws {
    guard let path else {
      FileHandle.standardOutput.write(Data(bytes))
      return
    }
    do {
      try AtomicWrite.write(bytes, to: path)
    } catch {
      throw OutputError(path: path, reason: "cannot write: \(error)")
    }
  }

  /// Writes the whole result as UTF-8.
  public func write(_ text: String) throws { try write(Array(text.utf8)) }
}

/// Writes a result as it is produced, in 64 KiB pieces: to standard output, or to the output
/// file's temporary copy, which becomes the file when the command finishes (`finish()`). Memory
/// does not grow with the result; a command that fails before `finish()` leaves the file as it was.
public final class ResultWriter {
  private let output: Output
  private var buffer: [UInt8] = []
  private var file: AtomicFile?
  private static let chunk = 1 << 16

  /// A writer to `output`.
  public init(_ output: Output) { self.output = output }

  /// Appends `text`; every 64 KiB goes on to its destination.
  public func write(_ text: String) throws {
    try write(bytes: text.utf8)
  }

  /// Appends `bytes`; every 64 KiB goes on to its destination.
  func write<Bytes: Collection<UInt8>>(bytes: Bytes) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.chunk { try flush() }
  }

  private func flush() throws {
    guard let path = output.path else {
      Progress.active?.clearForStandardOutput()
      FileHandle.standardOutput.write(Data(buffer))
      buffer.removeAll(keepingCapacity: true)
      return
    }
    do {
      if file == nil { file = try AtomicFile(path: path) }
      try file!.append(buffer)
    } catch {
      throw OutputError(path: path, reason: "cannot write: \(error)")
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is left; an output file then takes its new content.
  public func finish() throws {
    try flush()
    guard let file, let path = output.path else { return }
    do {
      try file.commit()
    } catch {
      throw OutputError(path: path, reason: "cannot write: \(error)")
    }
  }
}
