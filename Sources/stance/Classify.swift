import ArgumentParser
import Foundation
import StanceKit

/// `stance classify`: labels records, or articles passage by passage and as a whole.
struct Classify: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Label texts with a trained model: JSONL records, or articles passage by passage.",
    discussion: """
      With --input jsonl each line {"id": ..., "text": "..."} gives one output line \
      {"id", "label", "probabilities": {label: p}}. Any other file is an article (HTML or \
      plain text, gzip allowed): every passage is labelled, and the article's verdict comes \
      from the passages that argue (headings and neutral passages do not vote): the sum of \
      their restraint-vs-engagement log-odds gives restraint (above +1 nat), engagement \
      (below -1), unclear (arguments within the margin) or no-argument (no passage argues). \
      Models without restraint and engagement labels get the probability-weighted vote of \
      the non-heading passages instead.

      --format html writes one self-contained page (no scripts) for all the articles: \
      passages tinted by label with their probabilities and top n-grams, and each article's \
      verdict.

      Directories are walked recursively in sorted order, skipping hidden files; "-" reads \
      standard input. A file that fails is reported on standard error with its path and the \
      reason, the others go on, and the exit status is then 65.
      """)

  /// How the inputs are read.
  enum InputKind: String, CaseIterable, ExpressibleByArgument {
    /// By name: .jsonl/.ndjson are records, anything else an article the ingester sniffs.
    case auto
    /// JSON Lines records with "id" and "text".
    case jsonl
    /// Plain text articles, passages separated by blank lines; no HTML sniffing.
    case text
    /// Articles through the HTML/text ingester (which still sniffs plain text).
    case html
  }

  /// How results are written.
  enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// One tab-separated line per record; an article line followed by its passages.
    case text
    /// One pretty JSON array of every result.
    case json
    /// One JSON object per line, keys sorted.
    case jsonl
    /// One self-contained HTML page: passages tinted by label, verdicts, deciding n-grams.
    case html
  }

  /// Characters of passage text shown per line of the text format.
  static let passagePreviewLength = 72

  @Option(help: ArgumentHelp("The trained model file (default: the bundled models/default.stance, or $STANCE_MODEL).", valueName: "file"))
  var model: String?

  @Option(help: "Output format (default: jsonl for JSONL input, text otherwise).")
  var format: OutputFormat?

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp("Write the results to this file instead of standard output.", valueName: "file"))
  var output: String?

  @Option(help: "How to read the inputs.")
  var input: InputKind = .auto

  @Option(help: "Threads scoring JSONL records at once (output order does not change).")
  var jobs: Int = 1

  @Argument(help: ArgumentHelp("Files, directories or - for standard input.", valueName: "path"))
  var paths: [String]

  func validate() throws {
    if paths.isEmpty { throw ValidationError("give at least one file, directory or -") }
    if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
    if jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
  }

  func run() throws {
    let classifier: NaiveBayesModel
    do {
      classifier = try NaiveBayesModel(contentsOf: try model ?? DefaultModel.path())
    } catch {
      printError("stance classify: \(error)")
      throw Exit.dataError
    }
    var files: [String] = []
    var failed = false
    for path in paths {
      do {
        files += try Self.expand(path)
      } catch {
        printError("\(path): \(error.localizedDescription)")
        failed = true
      }
    }
    let out = OutputWriter(collecting: output != nil)
    var jsonItems: [String] = []
    var reportArticles: [ClassifiedArticle] = []
    for file in files {
      let kind = kind(of: file)
      let effectiveFormat = format ?? (kind == .jsonl ? .jsonl : .text)
      do {
        if effectiveFormat == .html {
          if kind == .jsonl { throw ClassifyError("--format html shows articles; JSONL records have no passages") }
          reportArticles.append(classifier.classify(try ingestArticle(file, kind: kind)))
          continue
        }
        let results: [ClassifiedItem]
        if kind == .jsonl {
          let (records, errors) = try classifyRecords(file, with: classifier)
          for error in errors { printError(error) }
          failed = failed || !errors.isEmpty
          results = records.map { .record($0) }
        } else {
          results = [.article(try classifyArticle(file, kind: kind, with: classifier))]
        }
        for item in results {
          switch effectiveFormat {
          case .jsonl: out.write(try item.jsonLine())
          case .json: jsonItems.append(try item.prettyJSON())
          case .text: out.write(item.textLines())
          case .html: break  // handled above: the page is written once, after every article
          }
        }
      } catch {
        printError("\(file == "-" ? "<stdin>" : file): \(error)")
        failed = true
      }
    }
    if !jsonItems.isEmpty || format == .json {
      let body = jsonItems.map { "  " + $0.replacingOccurrences(of: "\n", with: "\n  ") }
      out.write(body.isEmpty ? "[]\n" : "[\n" + body.joined(separator: ",\n") + "\n]\n")
    }
    if format == .html { out.write(ArticleReport(articles: reportArticles, model: classifier).html()) }
    out.flush()
    if let output {
      do {
        try AtomicFile.write(out.text, to: output)
      } catch {
        printError("stance classify: cannot write \(output): \(error.localizedDescription)")
        throw Exit.failure
      }
    }
    if failed { throw Exit.dataError }
  }

  /// The input kind of one file under `--input`.
  private func kind(of file: String) -> InputKind {
    guard input == .auto else { return input }
    let lower = file.lowercased()
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
    if file == "-" { return Self.standardInput.looksLikeJSONLines ? .jsonl : .html }
    return .html
  }

  /// Files under `path`: itself, or every non-hidden regular file below it in sorted order.
  static func expand(_ path: String) throws -> [String] {
    if path == "-" { return [path] }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no such file or directory"])
    }
    guard isDirectory.boolValue else { return [path] }
    let entries = try FileManager.default.contentsOfDirectory(atPath: path)
      .filter { !$0.hasPrefix(".") }.sorted()
    var files: [String] = []
    let base = path.hasSuffix("/") ? String(path.dropLast()) : path
    for entry in entries {
      files += try expand(base + "/" + entry)
    }
    return files
  }

  /// Standard input, read once on first use.
  nonisolated(unsafe) static var standardInput = StandardInput()

  private func bytes(of file: String) throws -> [UInt8] {
    if file == "-" { return Self.standardInput.bytes }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot read file"])
    }
    return [UInt8](data)
  }

  /// Classifies each JSONL record; bad lines are returned as messages and skipped.
  private func classifyRecords(_ file: String, with classifier: NaiveBayesModel) throws
    -> ([RecordResult], [String])
  {
    let name = file == "-" ? "<stdin>" : file
    let data = try bytes(of: file)
    var records: [(id: RecordID, text: String)] = []
    var errors: [String] = []
    var lineNumber = 0
    for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      let object: Any
      do {
        object = try JSONSerialization.jsonObject(with: Data(line))
      } catch {
        errors.append("\(name):\(lineNumber): not valid JSON")
        continue
      }
      guard let record = object as? [String: Any] else {
        errors.append("\(name):\(lineNumber): expected a JSON object")
        continue
      }
      guard let text = record["text"] as? String else {
        errors.append("\(name):\(lineNumber): missing string field \"text\"")
        continue
      }
      records.append((RecordID(record["id"]), text))
    }
    let texts = records.map(\.text)
    let predictions = Parallel.map(count: texts.count, jobs: jobs) { classifier.scoredPrediction(for: texts[$0]) }
    let results = zip(records, predictions).map { record, prediction in
      RecordResult(
        id: record.id, label: prediction.label,
        probabilities: Dictionary(uniqueKeysWithValues: zip(classifier.labels, prediction.probabilities)))
    }
    return (results, errors)
  }

  /// Reads one article: plain text split at blank lines, or through the ingester.
  private func ingestArticle(_ file: String, kind: InputKind) throws -> Article {
    let name = file == "-" ? "<stdin>" : file
    if kind == .text {
      let text = String(decoding: try bytes(of: file), as: UTF8.self)
      return PlainTextArticle.make(text, source: name)
    } else if file == "-" {
      return try Ingester.ingest(bytes: Self.standardInput.bytes, source: name)
    }
    return try Ingester.ingest(fileAt: file)
  }

  /// Ingests one article, labels its passages and decides its stance from those that argue.
  private func classifyArticle(_ file: String, kind: InputKind, with classifier: NaiveBayesModel) throws
    -> ClassifiedArticle
  {
    let article = try ingestArticle(file, kind: kind)
    guard article.passages.contains(where: { !$0.heading }) else {
      throw ClassifyError("no text passages to classify")
    }
    return classifier.classify(article)
  }
}

/// A plain message error for one input.
struct ClassifyError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Standard input read once, so `--input auto` can sniff it and still classify it.
struct StandardInput {
  lazy var bytes: [UInt8] = [UInt8](FileHandle.standardInput.readDataToEndOfFile())

  /// True when the first non-blank byte opens a JSON object.
  var looksLikeJSONLines: Bool {
    mutating get { bytes.first { $0 > 0x20 } == UInt8(ascii: "{") }
  }
}

/// Plain text split into passages at blank lines (`--input text`), without the ingester's sniffing.
enum PlainTextArticle {
  static func make(_ text: String, source: String) -> Article {
    let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
    var paragraphs: [String] = []
    var current: [Substring] = []
    for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.allSatisfy(\.isWhitespace) {
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        current = []
      } else {
        current.append(line.drop { $0.isWhitespace })
      }
    }
    if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
    let passages = paragraphs.enumerated().map { Passage(index: $0.offset, text: $0.element, heading: false) }
    return Article(source: source, title: nil, passages: passages)
  }
}
