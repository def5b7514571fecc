/// Limits and switches for ingesting one document.
public struct IngestOptions: Sendable {
  /// Largest accepted input in bytes, checked before and after gzip inflation (default 32 MiB).
  public var maxInputBytes: Int = 32 << 20
  /// The charset named outside the document (an HTTP `Content-Type` header), used when the page
  /// declares none.
  public var charset: String?

  /// Creates options; the default limit is 32 MiB.
  public init(maxInputBytes: Int = 32 << 20, charset: String? = nil) {
    self.maxInputBytes = maxInputBytes
    self.charset = charset
  }
}
