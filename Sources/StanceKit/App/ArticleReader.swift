import Foundation

/// One unit of a command's input: an article, a crawl or web page, or one JSON Lines record.
public enum InputItem: Sendable {
  /// An article, split into passages.
  case article(Article)
  /// A page of a crawl (WARC) or from a URL: an article, but one that may hold no text at all.
  case page(Article)
  /// A record of a JSON Lines input; `source` is the file it came from.
  case record(TextRecord, source: String)
}

/// How a command reads its inputs: `--input`, `--max-bytes`, `--urls` and the fetch limits.
public struct ReadOptions: Sendable {
  /// How files are read.
  public var format = InputFormat.auto
  /// The largest accepted input in bytes, also after gzip inflation.
  public var maxBytes = IngestOptions().maxInputBytes
  /// How URL inputs are fetched.
  public var fetch = FetchOptions()
  /// Files listing URLs to read, one per line (`--urls`).
  public var urlLists: [String] = []

  /// The documented defaults.
  public init() {}

  /// A reader with these options and its own standard input.
  public func reader() -> ArticleReader {
    var reader = ArticleReader(inputs: Inputs(maxBytes: maxBytes), format: format)
    reader.fetch = fetch
    reader.urlLists = urlLists
    return reader
  }
}

/// The one reader of articles and records that `ingest`, `classify` and `explain` share.
public struct ArticleReader: Sendable {
  /// Where the bytes come from, and the size limit.
  public let inputs: Inputs
  /// How files are read.
  public var format: InputFormat
  /// How URL inputs are fetched.
  public var fetch = FetchOptions() {
    didSet { fetcher = FetcherBox(options: fetch, maxBytes: inputs.maxBytes) }
  }
  /// Files listing URLs to read after the paths, one per line.
  public var urlLists: [String] = []
  private var fetcher: FetcherBox

  /// A reader of `inputs` under `format`.
  public init(inputs: Inputs, format: InputFormat = .auto) {
    self.inputs = inputs
    self.format = format
    fetcher = FetcherBox(options: FetchOptions(), maxBytes: inputs.maxBytes)
  }

  /// The units of `paths`, in order, found as they are read: a missing path is a failure unit,
  /// a WARC file gives one unit per page and a JSON Lines file one per batch of records (both read
  /// as a stream), any other file is one unit.
  public func units(_ paths: [String]) -> InputUnits { InputUnits(reader: self, paths: paths) }

  /// Reads and ingests one unit: its records, or the article it holds; a unit that cannot be
  /// read is a failure (bad JSON Lines records are failure units of their own).
  public func resolve(_ unit: InputUnit) -> Result<[InputItem], CommandFailure> {
    do {
      switch unit.source {
      case .failure(let failure): return .failure(failure)
      case .page(let page, _): return .success([.page(try article(page))])
      case .records(let records, let file): return .success(records.map { .record($0, source: file) })
      case .url(let address): return .success([.page(try article(try fetcher.get().fetch(address)))])
      case .path(let path): return .success([.article(try article(path))])
      }
    } catch {
      return .failure(CommandFailure(error))
    }
  }

  /// A WARC page through the ingester: named by its URI, which is also its URL unless the page
  /// says otherwise; the HTTP charset applies when the page names none.
  public func article(_ page: WARCPage) throws -> Article {
    var article = try Ingester.ingest(
      bytes: page.body, source: page.uri, options: IngestOptions(maxInputBytes: inputs.maxBytes, charset: page.charset))
    if article.url == nil { article.url = page.uri }
    return article
  }

  /// The article in one file (or standard input): plain text split at blank lines under
  /// `--input text`, the ingester otherwise.
  public func article(_ path: String) throws -> Article {
    let name = Inputs.name(path)
    let bytes = try inputs.bytes(of: path)
    if format == .text {
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw IngestError.binary(source: name, kind: "not valid UTF-8 text")
      }
      let passages = TextIngest.blankLineParagraphs(text).enumerated().map {
        Passage(index: $0.offset, text: $0.element, heading: false)
      }
      guard !passages.isEmpty else { throw IngestError.empty(source: name) }
      return Article(source: name, title: nil, passages: passages)
    }
    return try Ingester.ingest(bytes: bytes, source: name, options: IngestOptions(maxInputBytes: inputs.maxBytes))
  }

  /// A record's text as an article: through the ingester, named by its id (or file and line).
  public func article(_ record: TextRecord, source: String) throws -> Article {
    let name = record.id == .missing ? "\(source):\(record.line)" : record.id.text
    return try Ingester.ingest(
      bytes: Array(record.text.utf8), source: name, options: IngestOptions(maxInputBytes: inputs.maxBytes))
  }
}

/// One piece of a command's input, read and ingested on any thread by `ArticleReader.resolve`.
public struct InputUnit: Sendable {
  enum Source: Sendable {
    case path(String)
    case page(WARCPage, file: String)
    case records([TextRecord], file: String)
    case url(String)
    case failure(CommandFailure)
  }

  let source: Source
}

/// The units of a command's inputs, produced as they are read: memory does not grow with the
/// number of pages in a WARC file.
public struct InputUnits: Sequence, IteratorProtocol {
  private let reader: ArticleReader
  /// Every file the paths name, or the failure of a path that names none, in order.
  private let entries: [Result<String, CommandFailure>]
  private var nextEntry = 0
  private var warc: (reader: WARCReader, file: String)?
  private var records: RecordStream?
  /// Units already read, handed out before anything else: the bad lines of a record batch.
  private var queued: [InputUnit] = []
  /// Called when a WARC file has been read to the end, with its reader's counts.
  public var onWARCFinished: ((String, WARCReader) -> Void)?
  /// Called when a JSON Lines file has been read to the end.
  public var onRecordsFinished: ((String) -> Void)?

  init(reader: ArticleReader, paths: [String]) {
    self.reader = reader
    var entries = paths.flatMap { path -> [Result<String, CommandFailure>] in
      do {
        return try reader.inputs.expand(path).map { .success($0) }
      } catch {
        return [.failure(CommandFailure(error))]
      }
    }
    for list in reader.urlLists {
      guard let text = try? String(contentsOfFile: list, encoding: .utf8) else {
        entries.append(.failure(CommandFailure(.dataError, file: list, "cannot read the URL list")))
        continue
      }
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let address = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if address.isEmpty || address.hasPrefix("#") { continue }
        entries.append(isURL(address) ? .success(address) : .failure(CommandFailure(.dataError, file: list, line: number + 1, "not an http or https URL")))
      }
    }
    self.entries = entries
  }

  /// How many files the inputs name.
  public var fileCount: Int { entries.filter { if case .success = $0 { true } else { false } }.count }

  /// The next unit, nil when every input is done.
  public mutating func next() -> InputUnit? {
    while true {
      if !queued.isEmpty { return queued.removeFirst() }
      if let stream = records {
        do {
          if let batch = try stream.next() {
            let file = stream.name
            queued = batch.invalid.map { InputUnit(source: .failure(CommandFailure($0))) }
            if !batch.records.isEmpty { queued.append(InputUnit(source: .records(batch.records, file: file))) }
            continue
          }
          records = nil
          onRecordsFinished?(stream.name)
        } catch {
          records = nil
          return InputUnit(source: .failure(CommandFailure(error)))
        }
        continue
      }
      if let (warcReader, file) = warc {
        do {
          if let page = try warcReader.next() { return InputUnit(source: .page(page, file: file)) }
          warc = nil
          onWARCFinished?(file, warcReader)
        } catch {
          return InputUnit(source: .failure(CommandFailure(error)))
        }
        continue
      }
      guard nextEntry < entries.count else { return nil }
      nextEntry += 1
      switch entries[nextEntry - 1] {
      case .failure(let failure): return InputUnit(source: .failure(failure))
      case .success(let file) where isURL(file):
        return InputUnit(source: .url(file))
      case .success(let file):
        if reader.inputs.isRecords(file, format: reader.format) {
          do {
            records = try RecordStream(path: file, inputs: reader.inputs)
          } catch {
            return InputUnit(source: .failure(CommandFailure(error)))
          }
          continue
        }
        guard reader.isWARC(file) else { return InputUnit(source: .path(file)) }
        do {
          warc = (try WARCReader(path: file, maxBytes: reader.inputs.maxBytes), Inputs.name(file))
        } catch {
          return InputUnit(source: .failure(CommandFailure(error)))
        }
      }
    }
  }
}

extension ArticleReader {
  /// Reads every input in order. Units are resolved, and `work` run on their items, `jobs` at a
  /// time in batches; `body` gets each result in input order, and failures are reported. Memory
  /// stays bounded by one batch whatever the inputs hold.
  public func process<T: Sendable>(
    _ paths: [String], jobs: Int, console: Console, progress: (@Sendable (Int) -> Progress)? = nil,
    work: @escaping @Sendable ([InputItem]) throws -> T, _ body: (T) throws -> Void
  ) throws {
    var units = self.units(paths)
    let bar = progress?(units.fileCount)
    defer {
      bar?.finish()
      fetcher.close()
    }
    units.onRecordsFinished = { _ in bar?.advance() }
    units.onWARCFinished = { file, warc in
      bar?.advance()
      var summary = "\(file): \(warc.pages) page\(warc.pages == 1 ? "" : "s")"
      if !warc.skipped.isEmpty {
        summary += "; skipped " + warc.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
      }
      console.note(summary)
    }
    let batchSize = max(max(jobs, fetch.concurrency) * 8, 1)
    while true {
      var batch: [InputUnit] = []
      while batch.count < batchSize, let unit = units.next() { batch.append(unit) }
      if batch.isEmpty { return }
      let units = batch
      // Fetching waits on the network, not the processor: more pages are fetched at once.
      let fetching = units.contains { if case .url = $0.source { true } else { false } }
      let threads = fetching ? max(jobs, fetch.concurrency) : jobs
      let results = Parallel.map(count: units.count, jobs: threads) { i -> Result<T, CommandFailure> in
        resolve(units[i]).flatMap { items in
          do { return .success(try work(items)) } catch { return .failure(CommandFailure(error)) }
        }
      }
      for (unit, result) in zip(units, results) {
        if case .path = unit.source { bar?.advance() }
        switch result {
        case .success(let value): try body(value)
        case .failure(let failure): console.report(failure)
        }
      }
    }
  }

  /// Whether `path` is read as a WARC file: `--input warc`, or by name (.warc, .warc.gz).
  func isWARC(_ path: String) -> Bool {
    switch format {
    case .warc: return true
    case .auto:
      let lower = path.lowercased()
      return lower.hasSuffix(".warc") || lower.hasSuffix(".warc.gz")
    default: return false
    }
  }
}

/// The reader's fetcher, made on first use: most runs never fetch.
private final class FetcherBox: @unchecked Sendable {
  private let options: FetchOptions
  private let maxBytes: Int
  private let lock = NSLock()
  private var fetcher: Fetcher?

  init(options: FetchOptions, maxBytes: Int) {
    self.options = options
    self.maxBytes = maxBytes
  }

  /// Closes the fetcher if one was made.
  func close() { lock.withLock { fetcher?.close() } }

  func get() -> Fetcher {
    lock.withLock {
      if let fetcher { return fetcher }
      let made = Fetcher(options: options, maxBytes: maxBytes)
      fetcher = made
      return made
    }
  }
}
