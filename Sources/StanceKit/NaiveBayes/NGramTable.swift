/// A word n-gram as up to four token ids (each stored plus one, so zero means "no token").
struct NGramKey: Hashable, Sendable {
  var low: UInt64
  var high: UInt64

  /// The key of `ids[start..<start+length]`, or nil when a token is unknown (negative id).
  @inline(__always)
  static func make(_ ids: UnsafeBufferPointer<Int32>, start: Int, length: Int) -> NGramKey? {
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
struct NGramTable: Sendable {
  private(set) var keys: [NGramKey] = []
  private var slots: [Int32]
  private var shift: UInt64

  init(capacity: Int = 1024) {
    var bits: UInt64 = 4
    while (1 << bits) < capacity * 2 { bits += 1 }
    slots = Array(repeating: -1, count: 1 << Int(bits))
    shift = 64 - bits
  }

  /// How many keys the table holds.
  var count: Int { keys.count }

  @inline(__always) private func start(_ key: NGramKey) -> Int { Int(truncatingIfNeeded: key.mixed >> shift) }

  /// The id of `key`, or nil when absent.
  @inline(__always) func find(_ key: NGramKey) -> Int32? {
    let mask = slots.count - 1
    var slot = start(key)
    while true {
      let id = slots[slot]
      if id < 0 { return nil }
      if keys[Int(id)] == key { return id }
      slot = (slot + 1) & mask
    }
  }

  /// The id of `key`, inserting it when new; `inserted` tells which.
  @inline(__always) mutating func intern(_ key: NGramKey) -> (id: Int32, inserted: Bool) {
    let mask = slots.count - 1
    var slot = start(key)
    while true {
      let id = slots[slot]
      if id < 0 { break }
      if keys[Int(id)] == key { return (id, false) }
      slot = (slot + 1) & mask
    }
    let id = Int32(keys.count)
    keys.append(key)
    slots[slot] = id
    if keys.count * 2 > slots.count { grow() }
    return (id, true)
  }

  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    shift -= 1
    let mask = slots.count - 1
    for (id, key) in keys.enumerated() {
      var slot = start(key)
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(id)
    }
  }
}
