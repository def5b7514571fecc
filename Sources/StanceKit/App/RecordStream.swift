/// The `{"id", "text"}` records of one JSON Lines input, read as a stream a batch at a time, so a
/// file of any size is classified in bounded memory; `--max-bytes` limits each line, not the file.
final class RecordStream {
  /// Records handed out at most per batch.
  static let batchRecords = 512
  /// Text bytes handed out at most per batch: long documents make smaller batches.
  static let batchBytes = 1 << 22

  /// One batch: its records, and the lines in it that could not be read as records.
  struct Batch {
    var records: [TextRecord] = []
    var invalid: [CorpusError] = []
  }

  let name: String
  private let stream: ByteStream
  private let maxLineBytes: Int
  private var lineNumber = 0
  private var sawLine = false
  private var checkedHead = false

  /// Opens `path` ("-" is standard input, read on from whatever `inputs` read of it).
  init(path: String, inputs: Inputs) throws {
    name = Inputs.name(path)
    stream = path == "-" ? try inputs.standardInputStream() : try ByteStream(path: path)
    maxLineBytes = inputs.maxBytes
  }

  /// The next batch, nil at the end. A stream with no lines at all, or one that starts like a
  /// binary format, is an error.
  func next() throws -> Batch? {
    var batch = Batch()
    var bytes = 0
    while batch.records.count < Self.batchRecords, bytes < Self.batchBytes {
      guard var line = try stream.line(limit: maxLineBytes + 1) else { break }
      lineNumber += 1
      if !checkedHead {
        checkedHead = true
        if let kind = InputKind.binaryKind(rawBytes: Array(line.prefix(16))) {
          throw IngestError.binary(source: name, kind: kind)
        }
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
      }
      let complete = line.last == 0x0A
      if line.count - (complete ? 1 : 0) > maxLineBytes {
        // Too long to hold: skip to the end of the line without keeping it.
        if !complete { while let rest = try stream.line(limit: ByteStream.blockSize), rest.last != 0x0A {} }
        batch.invalid.append(
          CorpusError(file: name, line: lineNumber, message: "line is longer than the limit of \(maxLineBytes) bytes; raise --max-bytes to accept it"))
        continue
      }
      if complete { line = line.dropLast() }
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      sawLine = true
      var parser = JSONParser(line)
      switch parser.parseObjectLineResult() {
      case .failure(let error):
        batch.invalid.append(CorpusError(file: name, line: lineNumber, message: "invalid JSON: \(error.message)"))
      case .success(let members):
        switch TextRecords.record(members, name: name, line: lineNumber) {
        case .success(let record):
          bytes += record.text.utf8.count
          batch.records.append(record)
        case .failure(let error):
          batch.invalid.append(error)
        }
      }
    }
    if batch.records.isEmpty && batch.invalid.isEmpty {
      if !sawLine { throw IngestError.empty(source: name) }
      return nil
    }
    return batch
  }
}
