import Foundation

/// Writes output files so that readers never see a half-written one.
enum AtomicFile {
  /// Writes `text` to `path`: through a temporary file and rename(2) for regular files, directly
  /// for anything else.
  ///
  /// Renaming over a device, pipe or socket (`-o /dev/null`, `-o /dev/stdout`, a FIFO) would
  /// replace that special file with a regular one, so those are written in place. A symbolic link
  /// to a regular file is followed, so the link survives and its target is replaced.
  static func write(_ text: String, to path: String) throws {
    let data = Data(text.utf8)
    var status = stat()
    let exists = stat(path, &status) == 0
    if exists && (status.st_mode & S_IFMT) != S_IFREG {
      guard let handle = FileHandle(forWritingAtPath: path) else {
        throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: "cannot open for writing"])
      }
      defer { try? handle.close() }
      try handle.write(contentsOf: data)
      return
    }
    let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try data.write(to: temporary)
      if rename(temporary.path, url.path) != 0 {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }
}
