/// A word n-gram as up to four token ids (each stored plus one, so zero means "no token").
struct NGramKey: Hashable, Sendable {
  var low: UInt64
  var high: UInt64

  /// The key of `ids[start..<start+length]`, or nil when a token is unknown (negative id).
  @inline(__always)
  static func make(_ ids: UnsafeBufferPointer<Int32>, start: Int, length: Int) -> NGramKey? {
    // Unigrams and bigrams, nearly every key, without the loop's per-token switch.
    if length == 1 || length == 2 {
      let first = ids[start]
      let second = length == 2 ? ids[start + 1] : 0
      if first < 0 || second < 0 { return nil }
      let high = length == 2 ? UInt64(UInt32(second) + 1) << 32 : 0
      return NGramKey(low: UInt64(UInt32(first) + 1) | high, high: 0)
    }
    var low: UInt64 = 0
    var high: UInt64 = 0
    for offset in 0..<length {
      let id = ids[start + offset]
      if id < 0 { return nil }
      let lane = UInt64(UInt32(id) + 1)
      switch offset {
      case 0: low = lane
      case 1: low |= lane << 32
      case 2: high = lane
      default: high |= lane << 32
      }
    }
    return NGramKey(low: low, high: high)
  }

  /// Calls `body` with each token id of this key, in order.
  @inline(__always) func forEachToken(_ body: (Int) -> Void) {
    for lane in 0..<4 {
      let value = (lane < 2 ? low : high) >> UInt64(lane % 2 * 32) & 0xFFFF_FFFF
      if value == 0 { return }
      body(Int(value) - 1)
    }
  }

  /// The token ids of this key, in order.
  var ids: [Int] {
    [low & 0xFFFF_FFFF, low >> 32, high & 0xFFFF_FFFF, high >> 32].prefix { $0 != 0 }.map { Int($0) - 1 }
  }

  @inline(__always) var mixed: UInt64 {
    var value = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
    value ^= value >> 32
    return value &* 0xD6E8_FEB8_6659_FD93
  }
}

/// An open-addressing map from n-gram keys to dense `Int32` ids, with a multiplicative hash.
///
/// Each slot holds the key's first half, its id and a caller's tag inline, 16 bytes, so a lookup
/// that hits costs one cache line; the second half (tokens 3 and 4) is compared from `keys` only
/// when the first half matches and some key has one. With a million n-grams, separate slot and
/// key arrays cost two misses per lookup and dominated counting; the table grows at 60 % load,
/// so 20 Newsgroups' 1.06 million n-grams fit in 2^21 slots (32 MiB).
struct NGramTable: Sendable {
  /// One slot: `id < 0` when empty. `tag` is the caller's (see `internSlot(_:tag:)`).
  struct Slot: Sendable {
    var low: UInt64
    var id: Int32
    var tag: Int32
  }

  private(set) var keys: [NGramKey] = []
  private var slots: [Slot]
  private var shift: UInt64
  /// Whether any key has a third token (a nonzero `high`).
  private var hasLongKeys = false
  private static let empty = Slot(low: 0, id: -1, tag: 0)

  init(capacity: Int = 1024) {
    self.init(slotsFor: capacity)
    keys.reserveCapacity(capacity)
  }

  /// A table of `keys`, n-grams of one or two tokens that must be distinct, with ids in order
  /// and tags `tags` (or 0).
  ///
  /// It takes `keys` as its own, where a table reserved for them would reserve a second array of
  /// them while it fills (49 MB of address space for a 1-2-gram model's 3 million n-grams).
  init(distinct keys: [NGramKey], tags: [Int32]? = nil) {
    self.init(slotsFor: keys.count)
    insertNew(keys, tags: tags)
  }

  private init(slotsFor capacity: Int) {
    var bits: UInt64 = 4
    while (1 << bits) * 3 < capacity * 5 { bits += 1 }
    slots = Array(repeating: Self.empty, count: 1 << Int(bits))
    shift = 64 - bits
  }

  /// How many keys the table holds.
  var count: Int { keys.count }

  @inline(__always) private func start(_ key: NGramKey) -> Int { Int(truncatingIfNeeded: key.mixed >> shift) }

  @inline(__always) private func matches(_ entry: Slot, _ key: NGramKey) -> Bool {
    entry.low == key.low && ((key.high == 0 && !hasLongKeys) || keys[Int(entry.id)].high == key.high)
  }

  /// The id and tag of `key`, or nil when absent.
  @inline(__always) func find(_ key: NGramKey) -> (id: Int32, tag: Int32)? {
    slots.withUnsafeBufferPointer { probe(key, from: start(key), in: $0) }
  }

  /// The id and tag of `key`, probing `slots` (this table's) from `first`, its first slot.
  @inline(__always) private func probe(
    _ key: NGramKey, from first: Int, in slots: UnsafeBufferPointer<Slot>
  ) -> (id: Int32, tag: Int32)? {
    let mask = slots.count - 1
    var slot = first
    while true {
      let entry = slots[slot]
      if entry.id < 0 { return nil }
      if matches(entry, key) { return (entry.id, entry.tag) }
      slot = (slot + 1) & mask
    }
  }

  /// Prefetches the first slot of every `length`-gram of `ids` in shard `shard`, before they are
  /// looked up one by one: with a million n-grams nearly every lookup misses the cache.
  @inline(__always) func prefetch(_ ids: UnsafeBufferPointer<Int32>, length: Int, shard: Int = 0, shards: Int = 1) {
    guard length <= ids.count else { return }
    slots.withUnsafeBufferPointer { slots in
      for start in 0...(ids.count - length) {
        if let key = NGramKey.make(ids, start: start, length: length), Self.shard(of: key, among: shards) == shard {
          slots.prefetch(self.start(key))
        }
      }
    }
  }

  /// Calls `body` with the id and tag of every `length`-gram of `ids` that the table holds, in
  /// order. A first pass makes each key, finds its first slot and prefetches it, so that the misses
  /// of a large table overlap; the second probes from the slots it noted. Making and hashing every
  /// key again in the second pass took a fifth of finding a document's 1-2-gram features.
  @inline(__always)
  func findAll(_ ids: UnsafeBufferPointer<Int32>, length: Int, _ body: (_ id: Int32, _ tag: Int32) -> Void) {
    guard length <= ids.count else { return }
    let count = ids.count - length + 1
    // Allocated here, not through `withUnsafeTemporaryAllocation`, whose closure the compiler did
    // not inline: `body`'s captured state then paid a dynamic exclusivity check per n-gram.
    let pending = UnsafeMutableBufferPointer<(key: NGramKey, slot: Int)>.allocate(capacity: count)
    defer { pending.deallocate() }
    slots.withUnsafeBufferPointer { slots in
      var known = 0
      for start in 0..<count {
        guard let key = NGramKey.make(ids, start: start, length: length) else { continue }
        let slot = self.start(key)
        slots.prefetch(slot)
        (pending.baseAddress! + known).initialize(to: (key, slot))
        known += 1
      }
      for (key, first) in pending[..<known] {
        if let (id, tag) = probe(key, from: first, in: slots) { body(id, tag) }
      }
    }
  }

  /// Which of `shards` tables holds `key` when n-grams of two or more tokens are split between
  /// tables (the low bits of the hash; a table's slot comes from the high bits).
  @inline(__always) static func shard(of key: NGramKey, among shards: Int) -> Int {
    shards == 1 ? 0 : Int(truncatingIfNeeded: key.mixed % UInt64(shards))
  }

  /// The id of `key`, inserting it when new; `inserted` tells which.
  @inline(__always) mutating func intern(_ key: NGramKey) -> (id: Int32, inserted: Bool) {
    let (id, _, inserted) = internSlot(key, tag: 0)
    return (id, inserted)
  }

  /// The id and slot of `key`, inserting it with `tag` when new. The slot stays valid until the next insertion.
  @inline(__always) mutating func internSlot(_ key: NGramKey, tag: Int32) -> (id: Int32, slot: Int, inserted: Bool) {
    if (keys.count + 1) * 5 > slots.count * 3 { grow() }
    let start = start(key)
    let id = Int32(keys.count)
    var slot = start
    let found = slots.withUnsafeBufferPointer { slots -> Int32 in
      let mask = slots.count - 1
      while true {
        let entry = slots[slot]
        if entry.id < 0 { return -1 }
        if matches(entry, key) { return entry.id }
        slot = (slot + 1) & mask
      }
    }
    if found >= 0 { return (found, slot, false) }
    slots[slot] = Slot(low: key.low, id: id, tag: tag)
    keys.append(key)
    if key.high != 0 { hasLongKeys = true }
    return (id, slot, true)
  }

  /// Adds `newKeys`, n-grams of one or two tokens that must all be absent and distinct, to a
  /// table of such n-grams, with ids in order from `count` and tags `tags` (or 0).
  ///
  /// Inserts run in batches, each after a pass that only prefetches the batch's first slots, so
  /// the cache misses of a large table overlap.
  mutating func insertNew(_ newKeys: [NGramKey], tags: [Int32]? = nil) {
    precondition(!hasLongKeys && newKeys.allSatisfy { $0.high == 0 }, "longer n-grams need intern(_:)")
    precondition(tags.map { $0.count == newKeys.count } ?? true, "one tag per key")
    while (keys.count + newKeys.count) * 5 > slots.count * 3 { grow() }
    let shift = self.shift
    slots.withUnsafeMutableBufferPointer { slots in
      let mask = slots.count - 1
      var id = Int32(keys.count)
      for batch in stride(from: 0, to: newKeys.count, by: 32) {
        let end = min(batch + 32, newKeys.count)
        for index in batch..<end {
          UnsafeBufferPointer(slots).prefetch(Int(truncatingIfNeeded: newKeys[index].mixed >> shift))
        }
        for index in batch..<end {
          let key = newKeys[index]
          var slot = Int(truncatingIfNeeded: key.mixed >> shift)
          while slots[slot].id >= 0 {
            precondition(slots[slot].low != key.low, "n-gram inserted twice")
            slot = (slot + 1) & mask
          }
          slots[slot] = Slot(low: key.low, id: id, tag: tags?[index] ?? 0)
          id += 1
        }
      }
    }
    // An empty table shares the caller's array instead of copying it: a loaded 1-2-gram model's
    // keys are 48 MiB.
    if keys.isEmpty { keys = newKeys } else { keys.append(contentsOf: newKeys) }
  }

  /// The tag stored in `slot` (from `internSlot`).
  @inline(__always) func tag(at slot: Int) -> Int32 {
    slots.withUnsafeBufferPointer { $0[slot].tag }
  }

  /// Replaces the tag stored in `slot` (from `internSlot`).
  @inline(__always) mutating func setTag(_ tag: Int32, at slot: Int) {
    slots.withUnsafeMutableBufferPointer { $0[slot].tag = tag }
  }

  private mutating func grow() {
    let old = slots
    shift -= 1
    let shift = self.shift
    var grown = Array(repeating: Self.empty, count: old.count * 2)
    grown.withUnsafeMutableBufferPointer { slots in
      let mask = slots.count - 1
      for entry in old where entry.id >= 0 {
        var slot = Int(truncatingIfNeeded: keys[Int(entry.id)].mixed >> shift)
        while slots[slot].id >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
      }
    }
    slots = grown
  }
}
