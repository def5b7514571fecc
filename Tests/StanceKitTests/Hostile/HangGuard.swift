import Foundation
import Testing

import StanceKit

/// Every hostile input must be handled within this much CPU time; a hang guard, not a benchmark.
/// Under AddressSanitizer the same code runs 3-4 times slower (measured: 250,000 tiny paragraphs
/// took 2.7 s of CPU in a debug build and 8.4 s with ASan), so the limit scales with it there.
let hangLimit: Duration = .seconds(10) * (runningUnderAddressSanitizer ? 4 : 1)

/// True when the test binary was built with `--sanitize=address`.
let runningUnderAddressSanitizer: Bool = dlsym(dlopen(nil, RTLD_NOW), "__asan_init") != nil
/// Wall-clock backstop for a call that blocks without burning CPU (a network or file wait would
/// block forever, so the bound can be loose). CPU time is the main guard because the test
/// machine may be shared: at a load of 10 on 2 cores a 1.7 s ingest took 16 s of wall time,
/// and under ASan at a load of 13 a 64 MiB ingest took 69 s, which says nothing about our code.
let blockedLimit: Duration = .seconds(300)

/// CPU time used so far by the calling thread.
func threadCPUTime() -> Duration {
  var spec = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
  return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
}

/// Runs `body` on the calling thread, records a test issue when it uses more than `hangLimit`
/// of CPU time (or blocks past `blockedLimit`), and returns its result.
func withinHangGuard<T>(
  _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
) rethrows -> T {
  let clock = ContinuousClock()
  let start = clock.now
  let cpuStart = threadCPUTime()
  let result = try body()
  let cpu = threadCPUTime() - cpuStart
  let elapsed = clock.now - start
  #expect(cpu < hangLimit, "\(what) used \(cpu) of CPU time", sourceLocation: sourceLocation)
  #expect(elapsed < blockedLimit, "\(what) took \(elapsed)", sourceLocation: sourceLocation)
  return result
}

/// The outcome of ingesting hostile bytes: an article or the ingest error, never anything else.
enum IngestOutcome {
  case article(Article)
  case failed(IngestError)

  /// Everything the article would print (its JSON), or the error message.
  var printed: String {
    switch self {
    case .article(let article):
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      return String(decoding: (try? encoder.encode(article)) ?? Data(), as: UTF8.self)
    case .failed(let error): return error.description
    }
  }

  /// The article, or nil after an error.
  var article: Article? {
    if case .article(let article) = self { return article }
    return nil
  }

  /// The error, or nil after success.
  var error: IngestError? {
    if case .failed(let error) = self { return error }
    return nil
  }
}

/// Compresses `bytes` with the system `gzip` (tests may not link zlib themselves).
func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("stance-hostile-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  let input = directory.appendingPathComponent("input")
  try Data(bytes).write(to: input)
  // posix_spawn, not Process: Foundation's Process leaks a weak reference per run under LSan.
  let arguments: [String] = ["/usr/bin/env", "gzip", "-9", "-n", input.path]
  let argv = arguments.map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var pid: pid_t = 0
  guard posix_spawn(&pid, "/usr/bin/env", nil, nil, argv, environ) == 0 else { throw CocoaError(.fileWriteUnknown) }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  guard status == 0 else { throw CocoaError(.fileWriteUnknown) }
  return [UInt8](try Data(contentsOf: directory.appendingPathComponent("input.gz")))
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("stance-hostile-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  return directory
}
