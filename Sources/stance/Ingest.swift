import ArgumentParser
import Foundation
import StanceKit

/// `stance ingest`: extract article text and metadata from HTML or plain-text files.
struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Extract the main text and metadata of HTML or plain-text articles.",
    discussion: """
      Inputs may be files (HTML, text, or gzip of either, whatever the name), directories \
      (walked recursively in sorted order) or - for standard input. A failing input is reported \
      on standard error with its path and the reason; the others still run, and the exit \
      status is 65 when any input was bad data.

      Plain text: paragraphs are separated by blank lines or line breaks; a short first line \
      that does not end in a period is the title (metadata, not a passage), and short lines \
      between paragraphs are headings. Credits, bylines, author bios, image slugs, repeated \
      lines and "More from …" lists are dropped, as they are from HTML.
      """)

  /// How results are printed.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl
  }

  @Option(help: "Output format: text (passages separated by a blank line), json (one pretty object per input) or jsonl (one object per line).")
  var format: Format = .text

  @Option(help: "Inputs processed in parallel; output order stays the input order.")
  var jobs: Int = 1

  @Option(help: "Largest accepted input in bytes, also after gzip inflation.")
  var maxBytes: Int = 32 << 20

  @OptionGroup var progressOptions: ProgressOptions

  @Argument(help: "Files, directories, or - for standard input.")
  var inputs: [String]

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    guard maxBytes >= 1 else { throw ValidationError("--max-bytes must be at least 1") }
    guard !inputs.isEmpty else { throw ValidationError("give at least one file, directory or -") }
  }

  func run() throws {
    let options = IngestOptions(maxInputBytes: maxBytes)
    var paths: [String] = []
    var failures: [IngestError] = []
    for input in inputs {
      do {
        paths += try Self.expand(input)
      } catch let error as IngestError {
        printError("stance ingest: \(error)")
        failures.append(error)
      }
    }
    let out = FileHandle.standardOutput
    let progress = Progress("ingest", total: paths.count, unit: "files", quiet: progressOptions.quiet || paths.count < 2)
    defer { progress.finish() }
    var first = true
    // Chunks bound memory on large directories while keeping the output in input order.
    let chunkSize = max(jobs * 8, 1)
    var start = 0
    while start < paths.count {
      let chunk = Array(paths[start..<min(start + chunkSize, paths.count)])
      start += chunk.count
      let results = Self.ingestAll(chunk, options: options, jobs: jobs)
      progress.clearForStandardOutput()
      for result in results {
        switch result {
        case .success(let article):
          var text = try render(article)
          if format == .text {
            if article.passages.isEmpty { continue }
            if !first { text = "\n" + text }
          }
          first = false
          out.write(Data(text.utf8))
        case .failure(let error):
          printError("stance ingest: \(error)")
          failures.append(error)
        }
      }
      progress.advance(by: chunk.count)
    }
    if failures.isEmpty { return }
    let dataErrors = failures.contains { if case .unreadable = $0 { return false } else { return true } }
    throw dataErrors ? Exit.dataError : Exit.failure
  }

  func render(_ article: Article) throws -> String {
    switch format {
    case .text:
      return article.passages.map { $0.text + "\n" }.joined(separator: "\n")
    case .json, .jsonl:
      let encoder = JSONEncoder()
      encoder.outputFormatting =
        format == .json ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
      return String(decoding: try encoder.encode(article), as: UTF8.self) + "\n"
    }
  }

  /// A path, the sorted regular files under a directory, or "-".
  static func expand(_ input: String) throws -> [String] {
    if input == "-" { return ["-"] }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
      throw IngestError.unreadable(path: input, reason: "no such file or directory")
    }
    guard isDirectory.boolValue else { return [input] }
    guard let walker = FileManager.default.enumerator(atPath: input) else {
      throw IngestError.unreadable(path: input, reason: "cannot list directory")
    }
    var files: [String] = []
    let base = input.hasSuffix("/") ? input : input + "/"
    while let relative = walker.nextObject() as? String {
      let path = base + relative
      var dir: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &dir), !dir.boolValue {
        files.append(path)
      }
    }
    return files.sorted()
  }

  static func ingestOne(_ path: String, options: IngestOptions) -> Result<Article, IngestError> {
    do {
      if path == "-" {
        let data = try FileHandle.standardInput.read(upToCount: options.maxInputBytes + 1) ?? Data()
        guard data.count <= options.maxInputBytes else {
          throw IngestError.tooLarge(source: "-", limit: options.maxInputBytes)
        }
        return .success(try Ingester.ingest(bytes: [UInt8](data), source: "-", options: options))
      }
      return .success(try Ingester.ingest(fileAt: path, options: options))
    } catch let error as IngestError {
      return .failure(error)
    } catch {
      return .failure(.unreadable(path: path, reason: "\(error)"))
    }
  }

  static func ingestAll(_ paths: [String], options: IngestOptions, jobs: Int)
    -> [Result<Article, IngestError>]
  {
    if jobs == 1 || paths.count == 1 { return paths.map { ingestOne($0, options: options) } }
    let slots = ResultSlots(count: paths.count)
    let next = ResultSlots.Counter()
    DispatchQueue.concurrentPerform(iterations: min(jobs, paths.count)) { _ in
      while let i = next.take(below: paths.count) {
        slots.set(i, ingestOne(paths[i], options: options))
      }
    }
    return slots.values()
  }
}

/// Results written by worker threads, read back in input order.
private final class ResultSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<Article, IngestError>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ value: Result<Article, IngestError>) {
    lock.lock()
    slots[i] = value
    lock.unlock()
  }

  func values() -> [Result<Article, IngestError>] { slots.map { $0! } }

  /// Hands out indices 0, 1, 2… to whichever worker asks next.
  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard value < limit else { return nil }
      value += 1
      return value - 1
    }
  }
}
