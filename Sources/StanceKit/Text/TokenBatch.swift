/// One document's tokens, hashed as the tokenizer emits them (`ByteTable.gathering`), for one
/// batched lookup or insertion (`ByteTable.findAll`, `ByteTable.internAll`).
struct TokenBatch {
  /// A token's first eight bytes (little-endian, zero-padded), hash and length.
  struct Token {
    var first: UInt64
    var hash: UInt64
    var count: Int32
    /// The token's id when already known (`HotTokens`), else -1.
    var id: Int32
    /// Where the token's bytes end in `arena`: only unknown tokens longer than eight bytes are kept there.
    var end: Int
  }

  var tokens: [Token] = []
  var arena: [UInt8] = []

  /// How many tokens the batch holds.
  var count: Int { tokens.count }

  /// Empties the batch for the next document, keeping its memory.
  mutating func removeAll() {
    tokens.removeAll(keepingCapacity: true)
    arena.removeAll(keepingCapacity: true)
  }

  /// Calls `body` with each token and its bytes, in order (the bytes valid only during the call;
  /// empty for a token whose id is known).
  @inline(__always) func forEach(_ body: (Token, UnsafeBufferPointer<UInt8>) -> Void) {
    arena.withUnsafeBufferPointer { arena in
      for token in tokens {
        let count = Int(token.count)
        if token.id >= 0 {
          body(token, UnsafeBufferPointer(start: nil, count: 0))
        } else if count > 8 {
          body(token, UnsafeBufferPointer(rebasing: arena[(token.end - count)..<token.end]))
        } else {
          withUnsafeBytes(of: token.first.littleEndian) { raw in
            raw.withMemoryRebound(to: UInt8.self) { body(token, UnsafeBufferPointer(rebasing: $0[..<count])) }
          }
        }
      }
    }
  }
}

/// The most frequent tokens of a large token table, in a small one that stays in the cache.
///
/// Token frequencies are skewed: in the 200 MB benchmark corpus the 16,384 most frequent of
/// 177,000 distinct tokens make 95 % of the occurrences. Only tokens of up to eight bytes are
/// kept, each slot as those bytes in one word (zero-padded; zero marks an empty slot), so the
/// probed array takes 256 KiB; the large table's ids, with each token's length, sit beside it and
/// are read only on a hit. With 16-byte slots (512 KiB) the probe missed the level-2 cache for
/// nearly half of its time (perf, 200 MB unigram classification).
struct HotTokens: Sendable {
  /// Each slot's token bytes, or 0.
  let prefixes: [UInt64]
  /// Each slot's large-table id shifted left by four, plus the token's length.
  let entries: [UInt32]
  let mask: Int

  /// How many tokens are worth keeping hot.
  static let capacity = 1 << 14

  /// No hot tokens.
  static let none = HotTokens(tokens: ByteTable(capacity: 1), ids: [])

  /// Up to `capacity` of the tokens `ids` of `tokens`, the first ones of up to eight bytes.
  init<IDs: Sequence<Int32>>(tokens: ByteTable, ids: IDs) {
    var size = 16
    while size < min(tokens.count, Self.capacity) * 2 { size <<= 1 }
    var prefixes = [UInt64](repeating: 0, count: size)
    var entries = [UInt32](repeating: 0, count: size)
    var kept = 0
    for id in ids where kept < Self.capacity && id < 1 << 27 {
      tokens.bytes(of: Int(id)).withUnsafeBufferPointer { bytes in
        // A token starting with a zero byte would read as an empty slot; none is ever scanned.
        guard let base = bytes.baseAddress, bytes.count <= 8, bytes[0] != 0 else { return }
        let first = ByteTable.prefix(base, count: bytes.count)
        var slot = Int(truncatingIfNeeded: ByteTable.hash(bytes, first: first)) & (size - 1)
        while prefixes[slot] != 0 {
          precondition(prefixes[slot] != first || entries[slot] & 0xF != UInt32(bytes.count), "hot tokens must be distinct")
          slot = (slot + 1) & (size - 1)
        }
        prefixes[slot] = first
        entries[slot] = UInt32(id) << 4 | UInt32(bytes.count)
        kept += 1
      }
    }
    self.prefixes = prefixes
    self.entries = entries
    self.mask = size - 1
  }
}
