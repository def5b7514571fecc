/// A scorer's nonzero cells: each a label and the index of its weight among the model's distinct
/// weights (`palette`), packed in one word.
///
/// A cell used to be a 16-byte record holding its weight. A model's weights take few distinct
/// values (a multinomial weight depends only on the count, and most counts are small), so a
/// 4-byte cell naming its weight holds the same bits in a quarter of the memory: a 1-2-gram
/// model of 200 MB of text has 5.4 million cells (86 MB as records, 22 MB packed) and 2,686
/// distinct weights, and its documents' rows miss the cache less often. Cells widen to 8 bytes
/// when labels and distinct weights do not fit in 32 bits.
struct WeightCells: Sendable {
  /// The packed cells while every one fits in 32 bits: the label in the low `labelBits` bits,
  /// the palette index above them.
  private(set) var narrow: [UInt32] = []
  /// The packed cells once one did not fit in 32 bits; `narrow` is then empty.
  private(set) var wide: [UInt64] = []
  /// The distinct weights, in order of first use.
  private(set) var palette: [Double] = []
  let labelBits: Int
  /// The largest packed cell `narrow` takes: `UInt32.max`, lower only in tests of widening.
  private let narrowLimit: UInt64
  private var index = PaletteIndex()
  /// The last weight looked up and its position: neighbouring cells mostly share a weight (most
  /// counts are 1), and asking the index for each took a seventh of loading a 1-2-gram model.
  private var recent = (bits: UInt64(0), position: -1)

  /// Empty cells for labels `0..<labelCount`, with room reserved for `capacity` cells.
  init(labelCount: Int, capacity: Int, narrowLimit: UInt64 = UInt64(UInt32.max)) {
    labelBits = max(1, Int.bitWidth - (labelCount - 1).leadingZeroBitCount)
    self.narrowLimit = min(narrowLimit, UInt64(UInt32.max))
    narrow.reserveCapacity(capacity)
  }

  /// Whether the cells have widened to 64 bits.
  var isWide: Bool { !wide.isEmpty }

  /// The number of cells.
  var count: Int { isWide ? wide.count : narrow.count }

  /// Appends a cell of `label` with `weight`.
  mutating func append(label: Int, weight: Double) {
    let word = UInt64(paletteIndex(of: weight)) << UInt64(labelBits) | UInt64(label)
    if isWide {
      wide.append(word)
    } else if word <= narrowLimit {
      narrow.append(UInt32(word))
    } else {
      wide = narrow.map { UInt64($0) } + [word]
      narrow = []
    }
  }

  /// The palette position of `weight`, added when new (before `finish()`).
  mutating func paletteIndex(of weight: Double) -> Int {
    if recent.position >= 0 && recent.bits == weight.bitPattern { return recent.position }
    recent = (weight.bitPattern, index.position(of: weight, in: &palette))
    return recent.position
  }

  /// The palette position of cell `cell`'s weight.
  func paletteIndex(_ cell: Int) -> Int { Int(word(cell) >> UInt64(labelBits)) }

  /// Drops the palette's index, needed only while cells are appended.
  mutating func finish() {
    index = PaletteIndex()
    recent = (0, -1)
  }

  /// The packed cell `cell`.
  private func word(_ cell: Int) -> UInt64 { isWide ? wide[cell] : UInt64(narrow[cell]) }

  /// The label of cell `cell`.
  func label(_ cell: Int) -> Int { Int(word(cell) & ((1 << UInt64(labelBits)) - 1)) }

  /// The weight of cell `cell`.
  func weight(_ cell: Int) -> Double { palette[paletteIndex(cell)] }
}

/// Open addressing from a weight's bits to its palette position: Swift's `Dictionary` hashed
/// each of millions of weights with SipHash, a multiply suffices here.
private struct PaletteIndex {
  private var slots = [Int32](repeating: -1, count: 16)

  mutating func position(of weight: Double, in palette: inout [Double]) -> Int {
    let bits = weight.bitPattern
    var mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    while true {
      let found = slots[slot]
      if found < 0 { break }
      if palette[Int(found)].bitPattern == bits { return Int(found) }
      slot = (slot + 1) & mask
    }
    palette.append(weight)
    slots[slot] = Int32(palette.count - 1)
    if palette.count * 2 > slots.count {
      slots = [Int32](repeating: -1, count: slots.count * 2)
      mask = slots.count - 1
      for (position, value) in palette.enumerated() {
        var slot = Int(truncatingIfNeeded: (value.bitPattern &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position)
      }
    }
    return palette.count - 1
  }
}
