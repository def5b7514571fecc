/// An interning hash table from byte strings to dense `Int32` ids (0, 1, 2, … in insertion order).
///
/// Tokens are looked up straight from the scanner's byte buffer, so counting and prediction never
/// build a `String` or run Swift's seeded SipHash per token. Open addressing, linear probing; the
/// table doubles at half load. Each slot holds an entry's first eight bytes, so a token of up
/// to eight bytes (most words) is hashed, found and compared in whole words without reading the
/// arena; hashing byte by byte and comparing through the arena was a third of tokenising.
struct ByteTable: Sendable {
  /// Concatenated bytes of every entry.
  private var arena: [UInt8] = []
  /// Start of entry `id` in `arena`; entry `id` ends at `starts[id + 1]`.
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  private var slots: [Slot]
  private var mask: Int

  /// One slot: the entry's first eight bytes (little-endian, zero-padded) and `meta`: the top
  /// 24 bits of its hash, its length (capped at 255) and its id plus one; 0 when empty.
  fileprivate struct Slot: Sendable {
    var prefix: UInt64
    var meta: UInt64
  }

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: Slot(prefix: 0, meta: 0), count: size)
    mask = size - 1
  }

  /// The `meta` of an entry: everything but the id must match for the bytes to be equal.
  @inline(__always) private static func meta(hash: UInt64, length: Int) -> UInt64 {
    hash & 0xFFFF_FF00_0000_0000 | UInt64(min(length, 255)) << 32
  }

  /// Up to the first eight of `count` bytes at `base` as a little-endian word, zero-padded.
  @inline(__always) static func prefix(_ base: UnsafeRawPointer, count: Int) -> UInt64 {
    if count >= 8 { return UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) }
    if count >= 4 {
      // Two overlapping four-byte loads cover four to eight bytes without reading past them.
      let low = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
      let high = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
      return low | high << UInt64(8 * (count - 4))
    }
    if count == 0 { return 0 }
    let bytes = base.assumingMemoryBound(to: UInt8.self)
    return UInt64(bytes[0]) | UInt64(bytes[count / 2]) << UInt64(8 * (count / 2))
      | UInt64(bytes[count - 1]) << UInt64(8 * (count - 1))
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

  /// The hash of `bytes`, whose first eight bytes are `first`: whole words multiplied in.
  @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>, first: UInt64) -> UInt64 {
    var value = (first ^ UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15) &* 0xD6E8_FEB8_6659_FD93
    if bytes.count > 8, let base = bytes.baseAddress {
      var offset = 8
      while offset < bytes.count {
        let word = prefix(base + offset, count: min(8, bytes.count - offset))
        value = (value ^ word) &* 0xD6E8_FEB8_6659_FD93
        offset += 8
      }
    }
    return value ^ (value >> 32)
  }

  /// Where `bytes` sits: its id, or -1 and the empty slot it would take; with its first eight
  /// bytes and hash, which an insertion stores.
  @inline(__always) private func probe(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, slot: Int, first: UInt64, hash: UInt64) {
    let first = bytes.baseAddress.map { Self.prefix($0, count: bytes.count) } ?? 0
    return probe(bytes, first: first, hash: Self.hash(bytes, first: first))
  }

  /// `probe` with the first eight bytes and the hash already computed.
  @inline(__always) private func probe(_ bytes: UnsafeBufferPointer<UInt8>, first: UInt64, hash: UInt64)
    -> (id: Int32, slot: Int, first: UInt64, hash: UInt64)
  {
    let (id, slot) = slots.withUnsafeBufferPointer { probe($0, bytes, first: first, hash: hash) }
    return (id, slot, first, hash)
  }

  /// `probe` over this table's `slots`, already open.
  @inline(__always) private func probe(
    _ slots: UnsafeBufferPointer<Slot>, _ bytes: UnsafeBufferPointer<UInt8>, first: UInt64, hash: UInt64
  ) -> (id: Int32, slot: Int) {
    Self.probe(slots, mask: mask, count: bytes.count, first: first, hash: hash) { matches(Int($0), bytes) }
  }

  /// `probe` over open `slots`; `matches` compares an entry's bytes past the first eight.
  @inline(__always) private static func probe(
    _ slots: UnsafeBufferPointer<Slot>, mask: Int, count: Int, first: UInt64, hash: UInt64, matches: (Int32) -> Bool
  ) -> (id: Int32, slot: Int) {
    let want = meta(hash: hash, length: count)
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry.meta == 0 { return (-1, slot) }
      if entry.meta & 0xFFFF_FFFF_0000_0000 == want && entry.prefix == first {
        let id = Int32(truncatingIfNeeded: entry.meta & 0xFFFF_FFFF) - 1
        if count <= 8 || matches(id) { return (id, slot) }
      }
      slot = (slot + 1) & mask
    }
  }

  /// The id of `bytes`, or nil when absent.
  @inline(__always) func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    let id = probe(bytes).id
    return id >= 0 ? id : nil
  }

  /// Calls `produce` with a sink that hashes each token into `batch` and prefetches its first
  /// slot while the scanner still has its bytes at hand, for `internAll` to insert in order.
  /// Fetching every first slot before any probe overlaps the cache misses of a large table:
  /// probing token by token stalled on the first slot for 64 % of the lookup's time (perf,
  /// classifying with a 200 MB corpus's vocabulary). Hashing as the tokens come saves copying each
  /// into an arena and reading it again; only tokens longer than eight bytes keep their bytes
  /// (shorter ones are their `first`).
  @inline(__always)
  func gathering(into batch: inout TokenBatch, _ produce: (inout Gatherer) -> Void) {
    slots.withUnsafeBufferPointer { slots in
      withUnsafeTemporaryAllocation(of: TokenBatch.Token.self, capacity: 256) { buffer in
        withUnsafeMutablePointer(to: &batch) { batch in
          withUnsafeMutablePointer(to: &batch.pointee.tokens) { tokens in
            var gatherer = Gatherer(
              slots: slots, mask: mask, batch: batch, tokens: PendingAppends(buffer: buffer, target: tokens))
            produce(&gatherer)
            gatherer.tokens.flush()
          }
        }
      }
    }
  }

  /// The sink of `gathering(into:_:)`.
  struct Gatherer: TokenSink {
    fileprivate let slots: UnsafeBufferPointer<Slot>
    fileprivate let mask: Int
    fileprivate let batch: UnsafeMutablePointer<TokenBatch>
    fileprivate var tokens: PendingAppends<TokenBatch.Token>

    @inline(__always) mutating func token(_ token: UnsafeBufferPointer<UInt8>) {
      let first = token.baseAddress.map { ByteTable.prefix($0, count: token.count) } ?? 0
      let hash = ByteTable.hash(token, first: first)
      tokens.append(batch.pointee.made(token, first: first, hash: hash, index: tokens.count))
      slots.prefetch(Int(truncatingIfNeeded: hash) & mask)
    }
  }

  /// `gathering(into:_:)` for lookups: a token found in `hot` (`HotTokens`) has its id appended
  /// to `ids` at once and loads nothing from this table; any other token appends -1, a place
  /// that `findAll` fills in.
  @inline(__always)
  func gathering(into batch: inout TokenBatch, ids: inout [Int32], hot: HotTokens, _ produce: (inout HotGatherer) -> Void) {
    batch.base = ids.count
    // The tables stay open for the whole document: opening them per token cost a retain and release.
    slots.withUnsafeBufferPointer { slots in
      hot.withOpenTables { hot in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 512) { buffer in
          withUnsafeMutablePointer(to: &batch) { batch in
            withUnsafeMutablePointer(to: &ids) { ids in
              var gatherer = HotGatherer(
                slots: slots, mask: mask, hot: hot, batch: batch, ids: PendingAppends(buffer: buffer, target: ids))
              produce(&gatherer)
              gatherer.ids.flush()
            }
          }
        }
      }
    }
  }

  /// The sink of `gathering(into:ids:hot:_:)`.
  struct HotGatherer: TokenSink {
    fileprivate let slots: UnsafeBufferPointer<Slot>
    fileprivate let mask: Int
    fileprivate let hot: HotTokens.OpenTables
    fileprivate let batch: UnsafeMutablePointer<TokenBatch>
    fileprivate var ids: PendingAppends<Int32>

    @inline(__always) mutating func token(_ token: UnsafeBufferPointer<UInt8>) {
      let first = token.baseAddress.map { ByteTable.prefix($0, count: token.count) } ?? 0
      let hash = ByteTable.hash(token, first: first)
      if let id = hot.id(of: token, first: first, hash: hash) {
        ids.append(id)
        return
      }
      batch.pointee.append(token, first: first, hash: hash, index: ids.count - batch.pointee.base)
      ids.append(-1)
      slots.prefetch(Int(truncatingIfNeeded: hash) & mask)
    }
  }

  /// Fills in the id of every token of `batch` (filled by `gathering(into:ids:hot:_:)`) in `ids`,
  /// or -1 when absent: the same ids `find` gives one by one.
  func findAll(_ batch: TokenBatch, into ids: inout [Int32]) {
    ids.withUnsafeMutableBufferPointer { ids in
      let document = UnsafeMutableBufferPointer(rebasing: ids[batch.base...])
      batch.forEach { token, bytes in
        document[Int(token.index)] = probe(bytes, first: token.first, hash: token.hash).id
      }
    }
  }

  /// Appends the id of every token of `batch` (filled by `gathering(into:_:)`) to `ids`,
  /// inserting the new ones in order: the same ids `intern` gives one by one.
  mutating func internAll(_ batch: TokenBatch, into ids: inout [Int32]) {
    batch.forEach { token, bytes in
      ids.append(intern(bytes, first: token.first, hash: token.hash))
    }
  }

  /// The id of `bytes`, inserting it when new.
  @inline(__always) mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    let first = bytes.baseAddress.map { Self.prefix($0, count: bytes.count) } ?? 0
    return intern(bytes, first: first, hash: Self.hash(bytes, first: first))
  }

  @inline(__always) private mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, first: UInt64, hash: UInt64) -> Int32 {
    let (found, slot, _, _) = probe(bytes, first: first, hash: hash)
    if found >= 0 { return found }
    let id = Int32(hashes.count)
    arena.append(contentsOf: bytes)
    starts.append(arena.count)
    hashes.append(hash)
    slots[slot] = Slot(prefix: first, meta: Self.meta(hash: hash, length: bytes.count) | UInt64(UInt32(id) + 1))
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
    let old = slots
    let size = old.count * 2
    slots = Array(repeating: Slot(prefix: 0, meta: 0), count: size)
    mask = size - 1
    for entry in old where entry.meta != 0 {
      var slot = Int(truncatingIfNeeded: hashes[Int(entry.meta & 0xFFFF_FFFF) - 1]) & mask
      while slots[slot].meta != 0 { slot = (slot + 1) & mask }
      slots[slot] = entry
    }
  }
}
