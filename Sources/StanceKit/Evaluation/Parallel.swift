import Foundation

/// Runs independent work on several threads and returns the results in input order.
public enum Parallel {
  /// `body(0..<count)` on up to `jobs` threads, in contiguous chunks; the result is what a
  /// sequential `map` would give, whatever `jobs` is.
  public static func map<T: Sendable>(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    if jobs <= 1 || count < 2 { return (0..<count).map(body) }
    // A few chunks per thread balance uneven documents without a lock per item.
    let chunkCount = min(count, jobs * 4)
    let chunks = Chunks<T>(count: chunkCount)
    DispatchQueue.concurrentPerform(iterations: min(jobs, chunkCount)) { _ in
      while let chunk = chunks.next() {
        let range = (chunk * count / chunkCount)..<((chunk + 1) * count / chunkCount)
        chunks.set(chunk, range.map(body))
      }
    }
    return chunks.joined()
  }
}

extension Parallel {
  /// `first()` and `second()`, on two threads when `concurrently`.
  static func both<A: Sendable, B: Sendable>(
    concurrently: Bool, _ first: @escaping @Sendable () -> A, _ second: @escaping @Sendable () -> B
  ) -> (A, B) {
    guard concurrently else { return (first(), second()) }
    let results = map(count: 2, jobs: 2) { index -> Either<A, B> in index == 0 ? .first(first()) : .second(second()) }
    guard case .first(let a) = results[0], case .second(let b) = results[1] else { preconditionFailure("results out of order") }
    return (a, b)
  }

  private enum Either<A: Sendable, B: Sendable>: Sendable {
    case first(A)
    case second(B)
  }
}

/// Chunks handed out to workers and their results, each written once under the lock.
private final class Chunks<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [[T]?]
  private var taken = 0

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard taken < results.count else { return nil }
    taken += 1
    return taken - 1
  }

  func set(_ chunk: Int, _ values: [T]) {
    lock.lock()
    results[chunk] = values
    lock.unlock()
  }

  func joined() -> [T] {
    lock.lock()
    defer { lock.unlock() }
    return results.flatMap { $0! }
  }
}
