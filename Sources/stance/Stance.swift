import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

/// The `stance` command: reads foreign-policy op-eds and labels their stance.
@main
struct Stance: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stance",
    abstract: "Label foreign-policy op-eds as arguing restraint or engagement.",
    discussion: """
      Exit codes: 0 success; 1 runtime failure or an evaluation gate not met; \
      64 usage error; 65 bad input data.
      """,
    version: "0.1.0",
    subcommands: [
      Ingest.self, Train.self, Evaluate.self, Classify.self, Explain.self, Merge.self,
    ])

  static func main() {
    keepFreedMemory()
    main(nil)
  }

  /// Asks glibc to keep freed memory for reuse instead of returning it to the system.
  ///
  /// Training builds and drops arrays of tens of megabytes in turn. By default glibc maps each
  /// large one afresh and unmaps it when freed, so every phase faults its pages in again and the
  /// kernel zeroes them: about 0.65 ms per megabyte on the benchmark machine, a tenth of
  /// training on 20 Newsgroups. Serving large blocks from the heap and never trimming it lets
  /// later phases reuse pages already in place. Peak memory is unchanged: it is set by what is
  /// alive at once.
  private static func keepFreedMemory() {
    #if canImport(Glibc)
      // mallopt(3) is not in Swift's Glibc module; its option numbers are fixed in <malloc.h>.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      let trimThreshold: Int32 = -1
      let mmapMax: Int32 = -4
      _ = mallopt(mmapMax, 0)
      _ = mallopt(trimThreshold, Int32.max)
    #endif
  }
}
