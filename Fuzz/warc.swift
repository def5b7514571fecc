// Fuzz target: arbitrary bytes as a WARC file (plain or gzip, per record or whole) through
// `WARCReader`, and each page's payload through the ingester with the HTTP charset, as
// `stance classify crawl.warc.gz` reads them. The reader takes a path, so each input is written
// to one file per process first.

import Foundation

private let warcPath: String = {
  let directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
  return "\(directory)/stance-fuzz-\(getpid()).warc"
}()

private let warcOptions = IngestOptions(maxInputBytes: 1 << 20)

func fuzzWARC(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  guard FileManager.default.createFile(atPath: warcPath, contents: Data(bytes)) else {
    preconditionFailure("cannot write \(warcPath)")
  }
  defer { unlink(warcPath) }
  let reader: WARCReader
  do {
    reader = try WARCReader(path: warcPath, maxBytes: 1 << 20)
  } catch is IngestError {
    return 0
  } catch {
    preconditionFailure("unexpected error type opening: \(error)")
  }
  var previousOffset = -1
  // Each call either returns a page, reports one bad record and moves on, or ends the file; a
  // record is at least one byte, and deflate inflates at most 1,032 bytes per byte, so more calls
  // than that would mean the reader stopped moving.
  for _ in 0...(size * 1032 + 1) {
    do {
      guard let page = try reader.next() else { return 0 }
      // Pages in one gzip member (a whole-file gzip) share the member's offset.
      precondition(page.offset >= previousOffset, "page offsets must not go back")
      precondition(page.offset < max(size, 1), "page offset past the end of the file")
      previousOffset = page.offset
      precondition(page.body.count <= 1 << 20, "page over maxBytes returned")
      do {
        let article = try Ingester.ingest(
          bytes: page.body, source: page.uri, options: IngestOptions(maxInputBytes: 1 << 20, charset: page.charset))
        for (position, passage) in article.passages.enumerated() {
          precondition(passage.index == position && !passage.text.isEmpty, "bad passage")
        }
      } catch is IngestError {}
    } catch let error as WARCError {
      precondition(error.offset >= 0 && error.offset <= size, "error offset outside the file: \(error)")
    } catch is IngestError {
      return 0  // unreadable or bad gzip: the file ends here
    } catch {
      preconditionFailure("unexpected error type: \(error)")
    }
  }
  preconditionFailure("WARCReader.next() did not reach the end of a \(size)-byte file")
}
