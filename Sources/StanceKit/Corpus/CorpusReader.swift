import Foundation

/// Reads labelled corpora: JSON Lines, CSV, TSV, or a folder with one subfolder of .txt files per label.
public enum CorpusReader {
  /// The formats `read(path:)` recognises.
  public enum Format: String, CaseIterable, Sendable {
    /// One JSON object per line with "text" and "label" (.jsonl, .ndjson).
    case jsonLines
    /// Comma-separated with a header row and RFC 4180 quoting (.csv).
    case csv
    /// Tab-separated with a header row, no quoting (.tsv, .tab).
    case tsv
    /// A folder whose subfolders are labels holding .txt files.
    case folder
  }

  /// Reads the corpus at `path`, choosing the format from the extension (or folder-ness).
  public static func read(path: String) throws -> Corpus {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CorpusError(file: path, line: nil, message: "no such file or folder")
    }
    if isDirectory.boolValue { return try FolderCorpus.read(path: path) }
    let format: Format
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "jsonl", "ndjson", "json": format = .jsonLines
    case "csv": format = .csv
    case "tsv", "tab": format = .tsv
    case let other:
      throw CorpusError(
        file: path, line: nil,
        message: "unknown corpus format \".\(other)\" (expected .jsonl, .csv, .tsv or a folder)")
    }
    let bytes: [UInt8]
    do {
      bytes = try Ingester.readFile(path)
    } catch let error as IngestError {
      throw CorpusError(file: path, line: nil, message: error.reason)
    }
    // Refused by name, as the article reader does, rather than as a bad JSON or CSV line 1.
    if let kind = InputKind.binaryKind(rawBytes: bytes) ?? InputKind.binaryKind(decodedUTF8: bytes) {
      throw CorpusError(file: path, line: nil, message: "not a text corpus (\(kind))")
    }
    return try read(bytes: bytes, format: format, name: path)
  }

  /// Reads corpus bytes in `format`; `name` is used in errors and warnings.
  public static func read(bytes: [UInt8], format: Format, name: String) throws -> Corpus {
    var bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    let passages: [LabelledPassage]
    switch format {
    case .jsonLines: passages = try JSONLinesCorpus.parse(bytes, name: name)
    case .csv: passages = try DelimitedCorpus.parse(bytes, separator: UInt8(ascii: ","), quoting: true, name: name)
    case .tsv: passages = try DelimitedCorpus.parse(bytes, separator: UInt8(ascii: "\t"), quoting: false, name: name)
    case .folder: throw CorpusError(file: name, line: nil, message: "a folder corpus must be read with read(path:)")
    }
    return Corpus(passages: passages, warnings: duplicateWarnings(passages, name: name))
  }

  /// Warnings for repeated ids and repeated non-empty texts (plain duplicates, texts with two labels).
  static func duplicateWarnings(_ passages: [LabelledPassage], name: String) -> [CorpusWarning] {
    var duplicates = DuplicateWarnings(name: name)
    return duplicates.check(passages)
  }

  /// Builds a passage from named string fields, checking the required ones.
  static func passage(
    fields: [(name: String, value: String?)], line: Int, name: String
  ) throws -> LabelledPassage {
    var text: String?
    var label: String?
    var id: String?
    var group: String?
    var metadata: [String: String] = [:]
    for (field, value) in fields {
      switch field {
      case "text": text = value
      case "label": label = value
      case "id": id = value
      case "group": group = value
      default: if let value { metadata[field] = value }
      }
    }
    guard let text else { throw CorpusError(file: name, line: line, message: "missing \"text\"") }
    guard let label else { throw CorpusError(file: name, line: line, message: "missing \"label\"") }
    guard !label.isEmpty else { throw CorpusError(file: name, line: line, message: "empty \"label\"") }
    return LabelledPassage(id: id, text: text, label: label, group: group, metadata: metadata, line: line)
  }
}
