/// Limits and switches for ingesting one document.
public struct IngestOptions: Sendable {
  /// Largest accepted input in bytes, checked before and after gzip inflation (default 32 MiB).
  public var maxInputBytes: Int = 32 << 20

  /// Creates options; the default limit is 32 MiB.
  public init(maxInputBytes: Int = 32 << 20) {
    self.maxInputBytes = maxInputBytes
  }
}
