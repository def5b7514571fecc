// Fuzz target: arbitrary bytes as a WARC file (plain or gzip, per record or whole) through
// `WARCReader`, and each page's payload through the ingester with the HTTP charset, as
// `stance classify crawl.warc.gz` reads them. The reader takes a path, so each input is written
// to one file per process first. The first byte says how: 1 wraps the rest in one gzip member,
// 2 wraps each record (from each "WARC/1.") in its own member, as public crawls ship them, so
// the fuzzer mutates the records inside the members; anything else takes the rest as it is.

import Foundation

private let warcPath: String = {
  let directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
  return "\(directory)/stance-fuzz-\(getpid()).warc"
}()

/// Records and pages over this are refused: small, so each run stays fast.
private let warcLimit = 1 << 20

/// `data` as one gzip member of stored deflate blocks: valid gzip without a compressor.
private func gzipMember(_ data: ArraySlice<UInt8>) -> [UInt8] {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in data {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
  }
  func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
  var out: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF]
  var offset = data.startIndex
  repeat {
    let n = min(65_535, data.endIndex - offset)
    out.append(offset + n == data.endIndex ? 1 : 0)
    out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
    out += data[offset..<offset + n]
    offset += n
  } while offset < data.endIndex
  return out + littleEndian(~crc) + littleEndian(UInt32(truncatingIfNeeded: data.count))
}

/// The file the fuzzer's bytes stand for (see the first byte's meaning above).
private func warcFile(_ input: [UInt8]) -> [UInt8] {
  guard let mode = input.first else { return [] }
  let rest = input.dropFirst()
  switch mode {
  case 1: return gzipMember(rest)
  case 2:
    let marker = Array("WARC/1.".utf8)
    var starts = [rest.startIndex]
    var index = rest.startIndex + 1
    while index + marker.count <= rest.endIndex {
      if rest[index..<index + marker.count].elementsEqual(marker) { starts.append(index) }
      index += 1
    }
    return zip(starts, starts.dropFirst() + [rest.endIndex]).flatMap { gzipMember(rest[$0..<$1]) }
  default: return Array(rest)
  }
}

func fuzzWARC(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = warcFile(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
  let size = bytes.count
  guard FileManager.default.createFile(atPath: warcPath, contents: Data(bytes)) else {
    preconditionFailure("cannot write \(warcPath)")
  }
  defer { unlink(warcPath) }
  let reader: WARCReader
  do {
    reader = try WARCReader(path: warcPath, maxBytes: warcLimit)
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
      precondition(page.body.count <= warcLimit, "page over maxBytes returned")
      do {
        let article = try Ingester.ingest(
          bytes: page.body, source: page.uri, options: IngestOptions(maxInputBytes: warcLimit, charset: page.charset))
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
