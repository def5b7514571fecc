#if canImport(Glibc)
  import Glibc
#endif

/// The memory policy of a process that trains and scores large models: for executables only.
public enum ProcessMemory {
  /// Asks glibc to keep freed memory for reuse instead of returning it to the system.
  ///
  /// Training builds and drops arrays of tens of megabytes in turn. By default glibc maps each
  /// large one afresh and unmaps it when freed, so every phase faults its pages in again and the
  /// kernel zeroes them: about 0.65 ms per megabyte on the benchmark machine, a tenth of
  /// training on 20 Newsgroups. Serving large blocks from the heap and never trimming it lets
  /// later phases reuse pages already in place; peak memory is still set by what is alive at
  /// once. It changes the whole process, so only `main` should call it. Elsewhere it does nothing.
  public static func keepFreedMemory() {
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
