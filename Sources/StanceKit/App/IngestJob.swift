import Foundation

/// `stance ingest`: the main text and metadata of every input article.
public struct IngestJob: Sendable {
  /// How articles are printed.
  public enum Format: String, CaseIterable, Sendable {
    /// Passages separated by a blank line, articles too.
    case text
    /// One pretty JSON object per article.
    case json
    /// One JSON object per line.
    case jsonl
  }

  /// The output format.
  public var format = Format.text
  /// How inputs are read (records' texts are ingested one by one).
  public var reading = ReadOptions()
  /// Inputs ingested at once; the output order stays the input order.
  public var jobs = 1
  /// `-o`: the output file, or nil for standard output.
  public var output: String?
  /// Whether the progress bar is off.
  public var quiet = false

  /// A job with the documented defaults.
  public init() {}

  /// Ingests `paths` and writes the articles; failures are reported and the rest go on.
  public func run(_ paths: [String], console: Console) throws {
    let target = Output(output)
    try target.check()
    let reader = reading.reader()
    let files = reader.inputs.expand(paths, console: console)
    let progress = Progress("ingest", total: files.count, unit: "files", quiet: quiet || files.count < 2)
    defer { progress.finish() }
    let writer = ResultWriter(target)
    var first = true
    // Chunks bound memory on large directories while keeping the output in input order.
    let chunkSize = max(jobs * 8, 1)
    for start in stride(from: 0, to: files.count, by: chunkSize) {
      let chunk = Array(files[start..<min(start + chunkSize, files.count)])
      let results = Parallel.map(count: chunk.count, jobs: jobs) { i in Self.articles(chunk[i], reader, console) }
      for result in results.joined() {
        switch result {
        case .success(let article):
          if format == .text && article.passages.isEmpty { continue }
          writer.write((format == .text && !first ? "\n" : "") + (try render(article)))
          first = false
        case .failure(let failure):
          console.report(failure)
        }
      }
      progress.advance(by: chunk.count)
    }
    try writer.finish()
  }

  /// The articles of one input: the article it holds, or one per record.
  private static func articles(_ path: String, _ reader: ArticleReader, _ console: Console)
    -> [Result<Article, CommandFailure>]
  {
    do {
      return try reader.items(of: path, console: console).map { item in
        switch item {
        case .article(let article): return .success(article)
        case .record(let record, let source):
          do { return .success(try reader.article(record, source: source)) } catch { return .failure(CommandFailure(error)) }
        }
      }
    } catch {
      return [.failure(CommandFailure(error))]
    }
  }

  private func render(_ article: Article) throws -> String {
    switch format {
    case .text:
      return article.passages.map { $0.text + "\n" }.joined(separator: "\n")
    case .json, .jsonl:
      return try JSONText.encode(article, pretty: format == .json) + "\n"
    }
  }
}

/// JSON as every command writes it: keys sorted, slashes unescaped, pretty or one line.
public enum JSONText {
  /// `value` as JSON text.
  public static func encode(_ value: some Encodable, pretty: Bool) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
