/// Why a model file could not be read; names the file and what is wrong with it.
public struct ModelFileError: Error, Equatable, CustomStringConvertible {
  /// What is wrong.
  public enum Reason: Error, Equatable, Sendable {
    /// The file does not start with the model magic bytes.
    case badMagic
    /// The format version is not one this build reads.
    case unsupportedVersion(UInt32)
    /// The file ends before byte `at` (0-based offset of the first missing byte).
    case truncated(at: Int)
    /// The checksum in the trailer does not match the contents.
    case checksumMismatch
    /// Bytes after the end of the model.
    case trailingBytes(Int)
    /// A field holds an impossible value.
    case invalid(String)
    /// The file could not be read or written at all.
    case io(String)
  }

  /// The file path (or "<memory>" for in-memory bytes).
  public var path: String
  /// What is wrong.
  public var reason: Reason

  /// Creates an error for `path`.
  public init(path: String, reason: Reason) {
    self.path = path
    self.reason = reason
  }

  /// "path: what is wrong".
  public var description: String { "\(path): \(detail)" }

  /// What is wrong, without the path.
  public var detail: String {
    switch reason {
    case .badMagic: return "not a stance model file (bad magic bytes)"
    case .unsupportedVersion(let version):
      return "unsupported model format version \(version) (this build reads \(ModelFile.version))"
    case .truncated(let offset): return "truncated at byte \(offset)"
    case .checksumMismatch: return "checksum mismatch: the file is damaged"
    case .trailingBytes(let count): return "\(count) unexpected bytes after the model"
    case .invalid(let message): return message
    case .io(let message): return message
    }
  }
}
