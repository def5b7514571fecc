import Foundation

/// Replaces a file so that readers, crashes and kills only ever see the old or the new content.
///
/// The bytes go to `.<name>.<pid>.tmp` in the target's directory (same file system, so rename(2)
/// is atomic), are flushed with fsync, and are renamed over the target. A process killed before
/// the rename leaves only its temporary file behind; hidden, it is skipped by directory walks, and
/// the next successful write to the same target removes it once its process is gone.
enum AtomicWrite {
  /// The temporary file name used by process `pid` for `name`.
  static func temporaryName(for name: String, pid: Int32) -> String { ".\(name).\(pid).tmp" }

  /// Writes `bytes` to `path` atomically; throws a message naming what failed.
  ///
  /// A symbolic link is followed, so the file it names is replaced and the link stays. A target
  /// that exists but is not a regular file (a device such as /dev/null, a FIFO, a directory) is
  /// refused: renaming over it would replace the device itself, and as root that succeeds.
  static func write(_ bytes: [UInt8], to givenPath: String) throws(AtomicWriteError) {
    let url = URL(fileURLWithPath: givenPath).resolvingSymlinksInPath()
    let path = url.path
    var status = stat()
    if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
      throw AtomicWriteError(errno: EEXIST, step: "replace", reason: "\(path) exists and is not a regular file")
    }
    let directory = url.deletingLastPathComponent().path
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(temporaryName(for: url.lastPathComponent, pid: getpid())).path
    do throws(AtomicWriteError) {
      try writeSynced(bytes, to: temporary)
      guard rename(temporary, path) == 0 else { throw AtomicWriteError(errno: errno, step: "rename") }
    } catch {
      unlink(temporary)
      throw error
    }
    // Make the rename itself durable; failure here loses nothing that is not already on disk.
    let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
    if directoryDescriptor >= 0 {
      fsync(directoryDescriptor)
      close(directoryDescriptor)
    }
    removeStaleTemporaries(of: url)
  }

  private static func writeSynced(_ bytes: [UInt8], to path: String) throws(AtomicWriteError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw AtomicWriteError(errno: errno, step: "create temporary file") }
    defer { close(descriptor) }
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw AtomicWriteError(errno: errno, step: "write")
      }
      written += result
    }
    guard fsync(descriptor) == 0 else { throw AtomicWriteError(errno: errno, step: "fsync") }
  }

  /// Removes `.<name>.<pid>.tmp` files beside `url` whose process no longer exists.
  static func removeStaleTemporaries(of url: URL) {
    let name = url.lastPathComponent
    let directory = url.deletingLastPathComponent()
    let prefix = ".\(name)."
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
    for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
      let middle = entry.dropFirst(prefix.count).dropLast(".tmp".count)
      guard let pid = Int32(middle), pid > 0, pid != getpid() else { continue }
      // kill(pid, 0) fails with ESRCH only when no such process exists.
      if kill(pid, 0) != 0 && errno == ESRCH {
        unlink(directory.appendingPathComponent(entry).path)
      }
    }
  }
}

/// A failed system call while writing a file atomically.
struct AtomicWriteError: Error, CustomStringConvertible {
  var errno: Int32
  var step: String
  /// Said instead of the system's text for `errno` when the refusal is ours.
  var reason: String? = nil

  var description: String { "\(step) failed: \(reason ?? String(cString: strerror(errno)))" }
}
