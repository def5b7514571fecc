import CPrefetch

extension UnsafeBufferPointer {
  /// Starts loading the cache line of element `index` without waiting for it.
  ///
  /// A plain load issued ahead (`KeptLoads`) holds its place in the processor's reorder window
  /// until the data arrives, so only a few misses overlap; a prefetch retires at once. Scoring
  /// with a 1-2-gram model stalled 66 % of its n-gram lookup time on loads issued ahead (perf).
  @inline(__always) func prefetch(_ index: Int) {
    guard let base = baseAddress, index >= 0, index < count else { return }
    cprefetch_read(base + index)
  }
}
