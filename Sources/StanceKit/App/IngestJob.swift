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
    let writer = ResultWriter(target)
    var first = true
    let quiet = quiet
    try reader.process(
      paths, jobs: jobs, console: console,
      progress: { Progress("ingest", total: $0, unit: "files", quiet: quiet || $0 < 2) },
      work: { items in
        // A record's text is ingested like a file's; a bad one fails alone.
        items.map { item -> Result<Article, CommandFailure> in
          switch item {
          case .article(let article), .page(let article): return .success(article)
          case .record(let record, let source):
            do { return .success(try reader.article(record, source: source)) } catch { return .failure(CommandFailure(error)) }
          }
        }
      }
    ) { results in
      for result in results {
        switch result {
        case .success(let article):
          if format == .text && article.passages.isEmpty { continue }
          try writer.write((format == .text && !first ? "\n" : "") + (try render(article)))
          first = false
        case .failure(let failure):
          console.report(failure)
        }
      }
    }
    try writer.finish()
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
