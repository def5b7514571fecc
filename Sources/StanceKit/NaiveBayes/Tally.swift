/// Counts repeated ids in first-occurrence order, in time linear in the input.
///
/// Scoring sums a document's feature weights in this order; `Scorer.features(of:)` and
/// `FeatureMatrix` both use it, so a document scored from its text or from stored counts gives
/// the same bits. (Sorting each document's ids cost more than scoring them.)
struct Tally {
  /// The distinct ids seen, in first-occurrence order, and how often each occurred.
  private(set) var ids: [Int32] = []
  private(set) var counts: [UInt32] = []
  private var table: [Int32] = []

  /// Replaces the tally with that of `items`.
  mutating func count(_ items: UnsafeBufferPointer<Int32>) {
    var bits = 4
    while (1 << bits) < items.count * 2 { bits += 1 }
    table.removeAll(keepingCapacity: true)
    table.append(contentsOf: repeatElement(-1, count: 1 << bits))
    let mask = (1 << bits) - 1
    // Written through buffers sized for all-distinct items: `append` in the loop checked each
    // array's uniqueness per item.
    var tallied: [UInt32] = []
    ids = [Int32](unsafeUninitializedCapacity: items.count) { ids, idCount in
      tallied = [UInt32](unsafeUninitializedCapacity: items.count) { counts, countCount in
        var distinct = 0
        table.withUnsafeMutableBufferPointer { table in
          for item in items {
            // Fibonacci hashing: the top bits of the product spread consecutive ids.
            var slot = Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: item)) &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(bits)))
            while true {
              let index = table[slot]
              if index < 0 {
                table[slot] = Int32(distinct)
                ids[distinct] = item
                counts[distinct] = 1
                distinct += 1
                break
              }
              if ids[Int(index)] == item {
                counts[Int(index)] += 1
                break
              }
              slot = (slot + 1) & mask
            }
          }
        }
        countCount = distinct
      }
      idCount = tallied.count
    }
    counts = tallied
  }
}
