import Foundation

/// A JSON Lines corpus read a batch of passages at a time, so training never holds the text of
/// the whole corpus; any other format is read whole and handed out as one batch.
final class CorpusStream {
  /// Text bytes per batch (the last passage of a batch may pass it).
  let batchBytes: Int

  let name: String
  private var stream: ByteStream?
  private var whole: Corpus?
  private var duplicates: DuplicateWarnings
  private var lineNumber = 0

  /// Opens the corpus at `path` (format from its extension, as `CorpusReader.read(path:)`).
  init(path: String, batchBytes: Int = 1 << 24) throws {
    name = path
    self.batchBytes = batchBytes
    duplicates = DuplicateWarnings(name: path)
    let lower = path.lowercased()
    var status = stat()
    guard stat(path, &status) == 0 else { throw CorpusError(file: path, line: nil, message: "no such file or folder") }
    let isFolder = (status.st_mode & S_IFMT) == S_IFDIR
    guard !isFolder, lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") else {
      whole = try CorpusReader.read(path: path)
      return
    }
    do {
      stream = try ByteStream(path: path)
    } catch let error as IngestError {
      throw CorpusError(file: path, line: nil, message: error.reason)
    }
  }

  /// The next passages in file order and the warnings about them; nil at the end. A bad line
  /// throws, as `CorpusReader` does.
  func next() throws -> (passages: [LabelledPassage], warnings: [CorpusWarning])? {
    if let corpus = whole {
      whole = nil
      stream = nil
      return (corpus.passages, corpus.warnings)
    }
    guard let stream else { return nil }
    var passages: [LabelledPassage] = []
    var bytes = 0
    while bytes < batchBytes {
      let read: ArraySlice<UInt8>?
      do {
        read = try stream.line(limit: Int.max)
      } catch let error as IngestError {
        throw CorpusError(file: name, line: nil, message: error.reason)
      }
      guard var line = read else { break }
      if lineNumber == 0 {
        // Refused by name, as the article reader does, rather than as a bad JSON line 1.
        let head = Array(line.prefix(InputKind.sniffBytes))
        if let kind = InputKind.binaryKind(rawBytes: head) ?? InputKind.binaryKind(decodedUTF8: head) {
          throw CorpusError(file: name, line: nil, message: "not a text corpus (\(kind))")
        }
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
      }
      lineNumber += 1
      if line.last == 0x0A { line = line.dropLast() }
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      var parser = JSONParser(line)
      switch parser.parseObjectLineResult() {
      case .failure(let error):
        throw CorpusError(file: name, line: lineNumber, message: "invalid JSON: \(error.message)")
      case .success(let members):
        let passage = try JSONLinesCorpus.passage(members, line: lineNumber, name: name)
        bytes += passage.text.utf8.count
        passages.append(passage)
      }
    }
    if passages.isEmpty {
      self.stream = nil
      return nil
    }
    return (passages, duplicates.check(passages))
  }
}
