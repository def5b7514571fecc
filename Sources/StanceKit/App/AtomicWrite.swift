import Foundation

/// The one way `stance` writes an output file: readers, crashes and kills only ever see the old
/// content or the new.
///
/// A regular file (or a new path) gets the bytes in `.<name>.<pid>.tmp` in the same directory
/// (same file system, so rename(2) is atomic), flushed with fsync, then renamed over it. A process
/// killed before the rename leaves only its hidden temporary file, which directory walks skip and
/// the next successful write to the same target removes once its process is gone. A symbolic
/// link is followed, so the file it names is replaced and the link stays.
///
/// A device, FIFO or socket (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written in place:
/// renaming over it would replace the special file itself (as root that succeeds). A FIFO with
/// no reader is refused at once rather than waited on. A directory is refused.
enum AtomicWrite {
  /// The temporary file name used by process `pid` for `name`.
  static func temporaryName(for name: String, pid: Int32) -> String { ".\(name).\(pid).tmp" }

  /// Writes `bytes` to `path` by the policy above; the error names the step that failed.
  static func write(_ bytes: [UInt8], to path: String) throws(AtomicWriteError) {
    let file = try AtomicFile(path: path)
    try file.append(bytes)
    try file.commit()
  }

  static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(AtomicWriteError) {
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

  var description: String { reason ?? "\(step) failed: \(String(cString: strerror(errno)))" }
}

/// An output being written by `AtomicWrite`'s policy, in pieces: bytes go to the temporary file (or
/// the device) as they come, so a large result never sits in memory, and become the file's content
/// at `commit()`. Dropped without a commit, the temporary file is removed and the target is untouched.
final class AtomicFile {
  private let url: URL
  private let temporary: String?
  private var descriptor: Int32
  private var committed = false

  /// Opens the temporary file beside `path` (or `path` itself for a device, FIFO or socket).
  init(path givenPath: String) throws(AtomicWriteError) {
    url = URL(fileURLWithPath: givenPath).resolvingSymlinksInPath()
    var status = stat()
    if stat(url.path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
      if (status.st_mode & S_IFMT) == S_IFDIR { throw AtomicWriteError(errno: EISDIR, step: "write", reason: "is a directory") }
      // O_NONBLOCK makes opening a FIFO nobody reads fail (ENXIO) instead of hanging.
      descriptor = open(url.path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
      guard descriptor >= 0 else {
        if errno == ENXIO { throw AtomicWriteError(errno: ENXIO, step: "open", reason: "no process reads the pipe") }
        throw AtomicWriteError(errno: errno, step: "open")
      }
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
      temporary = nil
      return
    }
    let name = AtomicWrite.temporaryName(for: url.lastPathComponent, pid: getpid())
    let temporaryPath = url.deletingLastPathComponent().appendingPathComponent(name).path
    descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw AtomicWriteError(errno: errno, step: "create temporary file") }
    temporary = temporaryPath
  }

  deinit {
    guard !committed else { return }
    close(descriptor)
    if let temporary { unlink(temporary) }
  }

  /// Writes the next bytes.
  func append(_ bytes: [UInt8]) throws(AtomicWriteError) {
    try AtomicWrite.writeAll(bytes, to: descriptor)
  }

  /// Makes what was appended the file's content: fsync, rename over the target, fsync the folder.
  func commit() throws(AtomicWriteError) {
    committed = true
    guard let temporary else {
      close(descriptor)
      return
    }
    let synced = fsync(descriptor) == 0
    let syncError = errno
    close(descriptor)
    guard synced, rename(temporary, url.path) == 0 else {
      let failure = AtomicWriteError(errno: synced ? errno : syncError, step: synced ? "rename" : "fsync")
      unlink(temporary)
      throw failure
    }
    // Make the rename itself durable; failure here loses nothing that is not already on disk.
    let directoryDescriptor = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
    if directoryDescriptor >= 0 {
      fsync(directoryDescriptor)
      close(directoryDescriptor)
    }
    AtomicWrite.removeStaleTemporaries(of: url)
  }
}
