import Foundation

/// A JSON Lines corpus read a batch of passages at a time, so training never holds the text of
/// the whole corpus; any other format is read whole and handed out as one batch.
final class CorpusStream {
  /// Text bytes per batch (the last passage of a batch may pass it).
  let batchBytes: Int

  let name: String
  private var lines: JSONLines?
  private var whole: Corpus?
  private var duplicates: DuplicateWarnings

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
      lines = JSONLines(try ByteStream(path: path), name: path)
    } catch let error as IngestError {
      throw CorpusError(file: path, line: nil, message: error.reason)
    }
  }

  /// The next passages in file order and the warnings about them; nil at the end. A bad line
  /// throws, as `CorpusReader` does.
  func next() throws -> (passages: [LabelledPassage], warnings: [CorpusWarning])? {
    if let corpus = whole {
      whole = nil
      lines = nil
      return (corpus.passages, corpus.warnings)
    }
    guard lines != nil else { return nil }
    var passages: [LabelledPassage] = []
    var bytes = 0
    let name = self.name
    while bytes < batchBytes {
      let read: JSONLines.Line?
      do {
        read = try lines!.next { head in
          // Refused by name, as the article reader does, rather than as a bad JSON line 1.
          let head = Array(head)
          if let kind = InputKind.binaryKind(rawBytes: head) ?? InputKind.binaryKind(decodedUTF8: head) {
            throw CorpusError(file: name, line: nil, message: "not a text corpus (\(kind))")
          }
        }
      } catch let error as IngestError {
        throw CorpusError(file: name, line: nil, message: error.reason)
      }
      guard let read else { break }
      switch read {
      case .invalid(let error): throw error
      case .object(let number, let members):
        let passage = try JSONLinesCorpus.passage(members, line: number, name: name)
        bytes += passage.text.utf8.count
        passages.append(passage)
      }
    }
    if passages.isEmpty {
      lines = nil
      return nil
    }
    return (passages, duplicates.check(passages))
  }
}
