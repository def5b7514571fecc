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
/// 177,000 distinct tokens make 95 % of the occurrences. Their table (512 KiB) stays in the
/// level-2 cache, where the whole vocabulary's (8 MiB) missed it on nearly every token.
struct HotTokens: Sendable {
  /// The hot tokens, ids from 0.
  let table: ByteTable
  /// The large table's id of each hot token.
  let ids: [Int32]

  /// How many tokens are worth keeping hot: their slots (16 bytes, at most half full) take 512 KiB.
  static let capacity = 1 << 14

  /// No hot tokens.
  static let none = HotTokens(tokens: ByteTable(capacity: 1), ids: [])

  /// The tokens `ids` of `tokens`, in that order.
  init(tokens: ByteTable, ids: [Int32]) {
    var table = ByteTable(capacity: ids.count)
    for id in ids {
      _ = tokens.bytes(of: Int(id)).withUnsafeBufferPointer { table.intern($0) }
    }
    precondition(table.count == ids.count, "hot tokens must be distinct")
    self.table = table
    self.ids = ids
  }
}
