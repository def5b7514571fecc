import Foundation

/// Folder-per-label corpora: `root/<label>/**/*.txt`, one passage per file, id = path under `root`.
enum FolderCorpus {
  static func read(path: String) throws -> Corpus {
    let root = URL(fileURLWithPath: path)
    let manager = FileManager.default
    let labels: [String]
    do {
      labels = try manager.contentsOfDirectory(atPath: path).filter { entry in
        var isDirectory: ObjCBool = false
        return !entry.hasPrefix(".")
          && manager.fileExists(atPath: root.appendingPathComponent(entry).path, isDirectory: &isDirectory)
          && isDirectory.boolValue
      }.sorted()
    } catch {
      throw CorpusError(file: path, line: nil, message: "cannot list the folder")
    }
    guard !labels.isEmpty else {
      throw CorpusError(file: path, line: nil, message: "no label subfolders (expected <label>/<name>.txt)")
    }
    var passages: [LabelledPassage] = []
    var warnings: [CorpusWarning] = []
    for label in labels {
      let folder = root.appendingPathComponent(label)
      let below = folder.path + "/"
      let files = try DirectoryWalk.files(under: folder.path)
        .filter { $0.lowercased().hasSuffix(".txt") }.map { String($0.dropFirst(below.count)) }
      for file in files {
        let id = label + "/" + file
        var bytes: [UInt8]
        do {
          bytes = try Ingester.readFile(folder.appendingPathComponent(file).path)
        } catch let error as IngestError {
          throw CorpusError(file: path + "/" + id, line: nil, message: error.reason)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
          throw CorpusError(file: path + "/" + id, line: nil, message: "not valid UTF-8")
        }
        passages.append(LabelledPassage(id: id, text: text, label: label, line: 1))
      }
    }
    var first: [String: LabelledPassage] = [:]
    for passage in passages where !passage.text.isEmpty {
      if let earlier = first[passage.text] {
        let message =
          earlier.label == passage.label
          ? "duplicate text (same as \(earlier.id!))"
          : "same text as \(earlier.id!) but labelled \"\(passage.label)\" here, \"\(earlier.label)\" there"
        warnings.append(CorpusWarning(file: path + "/" + passage.id!, line: 1, message: message))
      } else {
        first[passage.text] = passage
      }
    }
    return Corpus(passages: passages, warnings: warnings)
  }
}
