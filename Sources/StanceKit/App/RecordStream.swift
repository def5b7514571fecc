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

  var name: String { lines.name }
  private var lines: JSONLines

  /// Opens `path` ("-" is standard input, read on from whatever `inputs` read of it).
  init(path: String, inputs: Inputs) throws {
    let stream = path == "-" ? try inputs.standardInputStream() : try ByteStream(path: path)
    lines = JSONLines(stream, name: Inputs.name(path), maxLineBytes: inputs.maxBytes)
  }

  /// The next batch, nil at the end. A stream with no lines at all, or one that starts like a
  /// binary format, is an error.
  func next() throws -> Batch? {
    var batch = Batch()
    var bytes = 0
    let name = self.name
    while batch.records.count < Self.batchRecords, bytes < Self.batchBytes,
      let line = try lines.next(head: { head in
        if let kind = InputKind.binaryKind(rawBytes: Array(head)) { throw IngestError.binary(source: name, kind: kind) }
      })
    {
      switch line {
      case .invalid(let error): batch.invalid.append(error)
      case .object(let number, let members):
        switch TextRecords.record(members, name: name, line: number) {
        case .success(let record):
          bytes += record.text.utf8.count
          batch.records.append(record)
        case .failure(let error):
          batch.invalid.append(error)
        }
      }
    }
    if batch.records.isEmpty && batch.invalid.isEmpty {
      if !lines.sawLine { throw IngestError.empty(source: name) }
      return nil
    }
    return batch
  }
}
