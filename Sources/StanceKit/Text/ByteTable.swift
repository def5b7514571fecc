/// An interning hash table from byte strings to dense `Int32` ids (0, 1, 2, … in insertion order).
///
/// Tokens are looked up straight from the scanner's byte buffer, so counting and prediction never
/// build a `String` or run Swift's seeded SipHash per token. Open addressing, linear probing,
/// FNV-1a hashes; the table doubles at half load.
struct ByteTable: Sendable {
  /// Concatenated bytes of every entry.
  private var arena: [UInt8] = []
  /// Start of entry `id` in `arena`; entry `id` ends at `starts[id + 1]`.
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Per slot: the top 32 bits of the entry's hash and its id plus one, or 0 when empty. The hash
  /// half settles most mismatches without reading `hashes` or the arena.
  private var slots: [UInt64]
  private var mask: Int

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: 0, count: size)
    mask = size - 1
  }

  @inline(__always) private static func slotValue(hash: UInt64, id: Int32) -> UInt64 {
    hash & 0xFFFF_FFFF_0000_0000 | UInt64(UInt32(id) + 1)
  }

  /// How many entries the table holds.
  var count: Int { hashes.count }

  /// The bytes of entry `id`.
  func bytes(of id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

  /// Calls `body` with the entries' bytes back to back and where each starts (one more than `count`).
  func withArena<Result>(_ body: (UnsafeBufferPointer<UInt8>, [Int]) -> Result) -> Result {
    arena.withUnsafeBufferPointer { body($0, starts) }
  }

  /// Each entry's position when all entries are sorted by bytes.
  func byteOrderRanks() -> [UInt32] {
    var ranks = [UInt32](repeating: 0, count: count)
    for (position, id) in ByteOrder.sortedIndices(arena: arena, starts: starts).enumerated() {
      ranks[id] = UInt32(position)
    }
    return ranks
  }

  /// The entry `id` as a string.
  func string(of id: Int) -> String { String(decoding: bytes(of: id), as: UTF8.self) }

  @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    return value ^ (value >> 29)
  }

  /// The id of `bytes`, or nil when absent.
  @inline(__always) func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    let hash = Self.hash(bytes)
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let value = slots[slot]
      if value == 0 { return nil }
      let id = Int32(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
      if (value ^ hash) >> 32 == 0 && matches(Int(id), bytes) { return id }
      slot = (slot + 1) & mask
    }
  }

  /// The id of `bytes`, inserting it when new.
  @inline(__always) mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    let hash = Self.hash(bytes)
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let value = slots[slot]
      if value == 0 { break }
      let id = Int32(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
      if (value ^ hash) >> 32 == 0 && matches(Int(id), bytes) { return id }
      slot = (slot + 1) & mask
    }
    let id = Int32(hashes.count)
    arena.append(contentsOf: bytes)
    starts.append(arena.count)
    hashes.append(hash)
    slots[slot] = Self.slotValue(hash: hash, id: id)
    if hashes.count * 2 > slots.count { grow() }
    return id
  }

  /// Interns a string's bytes.
  mutating func intern(_ string: String) -> Int32 {
    var string = string
    return string.withUTF8 { intern($0) }
  }

  private func matches(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[id]
    guard starts[id + 1] - start == bytes.count else { return false }
    return arena.withUnsafeBufferPointer { arena in
      for offset in 0..<bytes.count where arena[start + offset] != bytes[offset] { return false }
      return true
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = Array(repeating: 0, count: size)
    mask = size - 1
    for (id, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Self.slotValue(hash: hash, id: Int32(id))
    }
  }
}
