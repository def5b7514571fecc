/// A small seeded generator (Steele, Lea & Flood 2014) whose output never changes across toolchains.
///
/// Swift's `shuffle(using:)` and `random(in:using:)` may change their algorithms between releases,
/// so folds are shuffled with `SplitMix64.shuffle(_:)` instead, which is pinned here.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator whose sequence is fully determined by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-shift with rejection, so no modulo bias).
  public mutating func next(below bound: UInt64) -> UInt64 {
    precondition(bound > 0, "bound must be positive")
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold {
        product = next().multipliedFullWidth(by: bound)
      }
    }
    return product.high
  }

  /// Fisher–Yates shuffle of `elements` in place, drawing from this generator.
  public mutating func shuffle<T>(_ elements: inout [T]) {
    guard elements.count > 1 else { return }
    for i in stride(from: elements.count - 1, to: 0, by: -1) {
      let j = Int(next(below: UInt64(i + 1)))
      if i != j { elements.swapAt(i, j) }
    }
  }
}
