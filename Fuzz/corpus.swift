// Fuzz target: corpus parsing (JSON Lines, CSV, TSV) from bytes. The first byte picks the format,
// so one corpus of seeds covers all three parsers.

func fuzzCorpus(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  let formats: [CorpusReader.Format] = [.jsonLines, .csv, .tsv]
  let format = formats[Int(data[0]) % formats.count]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  do {
    let corpus = try CorpusReader.read(bytes: bytes, format: format, name: "fuzz")
    var previousLine = 0
    for passage in corpus.passages {
      precondition(!passage.label.isEmpty, "empty label accepted")
      precondition(passage.line > previousLine, "line numbers must increase")
      previousLine = passage.line
    }
  } catch is CorpusError {
  } catch {
    preconditionFailure("unexpected error type: \(error)")
  }
  return 0
}
