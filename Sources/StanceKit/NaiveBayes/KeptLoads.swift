/// Loads made only to bring memory into the cache, kept from being optimised away.
///
/// Counting and scoring read rows of tables far larger than the caches. Loading every row a pass
/// will need before the pass, in loads that do not depend on each other, lets the processor wait
/// on their misses together instead of one at a time. Nothing uses those values, so the compiler
/// would drop the loads; each is folded into a check every valid value passes (a compare per
/// load), which fails only on corrupt tables.
struct KeptLoads {
  private let floor: Int32
  private var lowest: Int32
  /// The largest weight magnitude kept, as bits: above infinity's only for a NaN.
  private var largestMagnitude: UInt64 = 0

  /// Expects every integer kept to be at least `floor`.
  @inline(__always) init(atLeast floor: Int32) {
    self.floor = floor
    lowest = floor
  }

  /// Keeps the load of `value`, which must be at least the floor.
  @inline(__always) mutating func keep(_ value: Int32) {
    lowest = min(lowest, value)
  }

  /// Keeps the load of `weight`, which must not be NaN.
  @inline(__always) mutating func keep(_ weight: Double) {
    largestMagnitude = max(largestMagnitude, weight.magnitude.bitPattern)
  }

  /// Stops with `message` unless every value kept was valid.
  @inline(__always) func check(_ message: StaticString) {
    precondition(lowest >= floor && largestMagnitude <= Double.infinity.bitPattern, "\(message)")
  }
}
