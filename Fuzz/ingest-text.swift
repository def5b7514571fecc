// Fuzz target: arbitrary bytes through the plain-text ingest path (gzip sniffing, decoding, libxml2, extraction).
// Compiled together with every StanceKit source by scripts/fuzz, so internal names are in scope.

/// A small limit keeps each run fast; the limit logic itself is exercised at every size.
private let fuzzOptions = IngestOptions(maxInputBytes: 1 << 20)

func fuzzIngestText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  do {
    let article = try Ingester.ingest(bytes: bytes, source: "fuzz.txt", options: fuzzOptions)
    // Invariants every successful ingest must keep.
    for (position, passage) in article.passages.enumerated() {
      precondition(passage.index == position, "passage indices must be 0, 1, 2, ...")
      precondition(!passage.text.isEmpty, "empty passage")
    }
  } catch is IngestError {
  } catch {
    preconditionFailure("unexpected error type: \(error)")
  }
  return 0
}
