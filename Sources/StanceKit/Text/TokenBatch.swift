/// The tokens of one document that `ByteTable.gathering` could not settle at once, hashed as the
/// tokenizer emitted them, for one batched lookup or insertion (`ByteTable.findAll`,
/// `ByteTable.internAll`).
struct TokenBatch {
  /// A token's first eight bytes (little-endian, zero-padded), hash and length.
  struct Token {
    var first: UInt64
    var hash: UInt64
    var count: Int32
    /// The token's place among the document's ids, from `base` (lookups only).
    var index: Int32
    /// Where the token's bytes end in `arena`: only tokens longer than eight bytes are kept there.
    var end: Int
  }

  var tokens: [Token] = []
  var arena: [UInt8] = []
  /// Where the document's ids start in the caller's array (lookups only).
  var base = 0

  /// How many tokens the batch holds.
  var count: Int { tokens.count }

  /// Adds a token with its first eight bytes, hash and place.
  @inline(__always)
  mutating func append(_ token: UnsafeBufferPointer<UInt8>, first: UInt64, hash: UInt64, index: Int) {
    tokens.append(made(token, first: first, hash: hash, index: index))
  }

  /// The entry of a token with its first eight bytes, hash and place, for `tokens`; its bytes
  /// join `arena` now when it has more than eight.
  @inline(__always)
  mutating func made(_ token: UnsafeBufferPointer<UInt8>, first: UInt64, hash: UInt64, index: Int) -> Token {
    precondition(index < Int(Int32.max), "a document of over 2^31 tokens")
    if token.count > 8 { arena.append(contentsOf: token) }
    return Token(first: first, hash: hash, count: Int32(token.count), index: Int32(index), end: arena.count)
  }

  /// Empties the batch for the next document, keeping its memory.
  mutating func removeAll() {
    tokens.removeAll(keepingCapacity: true)
    arena.removeAll(keepingCapacity: true)
  }

  /// Calls `body` with each token and its bytes, in order (the bytes valid only during the call).
  @inline(__always) func forEach(_ body: (Token, UnsafeBufferPointer<UInt8>) -> Void) {
    arena.withUnsafeBufferPointer { arena in
      for token in tokens {
        let count = Int(token.count)
        if count > 8 {
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

/// Elements bound for an array, held in a small buffer and appended a block at a time: appending
/// each one checked the array's uniqueness and capacity (2 % of training, 1 % of classifying).
struct PendingAppends<Element> {
  private let buffer: UnsafeMutableBufferPointer<Element>
  private let target: UnsafeMutablePointer<[Element]>
  private var held = 0

  /// Appends to `target` through `buffer`; both must outlive this value, and `flush()` must run last.
  init(buffer: UnsafeMutableBufferPointer<Element>, target: UnsafeMutablePointer<[Element]>) {
    self.buffer = buffer
    self.target = target
  }

  /// How many elements the array holds, those still in the buffer included.
  var count: Int { target.pointee.count + held }

  @inline(__always) mutating func append(_ element: Element) {
    if held == buffer.count { flush() }
    buffer.initializeElement(at: held, to: element)
    held += 1
  }

  /// Moves the buffered elements to the array.
  mutating func flush() {
    target.pointee.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<held]))
    held = 0
  }
}

/// The most frequent tokens of a large token table, in a small one that stays in the cache.
///
/// Token frequencies are skewed: in the 200 MB benchmark corpus the 16,384 most frequent of
/// 177,000 distinct tokens make 95 % of the occurrences. Only tokens of up to sixteen bytes are
/// kept, each slot as its first eight bytes in one word (zero-padded; zero marks an empty slot),
/// so the probed array takes 256 KiB; the large table's ids with each token's length, and the
/// bytes past the eighth, sit beside it and are read only on a hit. With 16-byte slots (512 KiB)
/// the probe missed the level-2 cache for nearly half of its time (perf, 200 MB unigram
/// classification). Words of nine to sixteen bytes ("government", "international") are hot too:
/// in the large table each costs three misses (its slot, its start, its bytes).
struct HotTokens: Sendable {
  /// Each slot's first eight token bytes, or 0.
  private let prefixes: [UInt64]
  /// Each slot's large-table id shifted left by five, plus the token's length.
  private let entries: [UInt32]
  /// Each slot's token bytes past the eighth, zero-padded (0 for shorter tokens).
  private let tails: [UInt64]
  private let mask: Int

  /// How many tokens are worth keeping hot.
  static let capacity = 1 << 14
  /// The longest token kept, in bytes.
  static let maximumLength = 16

  /// Up to `capacity` of the tokens `ids` of `tokens`, the first ones of up to sixteen bytes.
  init<IDs: Sequence<Int32>>(tokens: ByteTable, ids: IDs) {
    var size = 16
    while size < min(tokens.count, Self.capacity) * 2 { size <<= 1 }
    var prefixes = [UInt64](repeating: 0, count: size)
    var entries = [UInt32](repeating: 0, count: size)
    var tails = [UInt64](repeating: 0, count: size)
    var kept = 0
    for id in ids where kept < Self.capacity && id < 1 << 27 {
      tokens.bytes(of: Int(id)).withUnsafeBufferPointer { bytes in
        // A token starting with a zero byte would read as an empty slot; none is ever scanned.
        guard let base = bytes.baseAddress, bytes.count <= Self.maximumLength, bytes[0] != 0 else { return }
        let first = ByteTable.prefix(base, count: bytes.count)
        let tail = Self.tail(base, count: bytes.count)
        var slot = Int(truncatingIfNeeded: ByteTable.hash(bytes, first: first)) & (size - 1)
        while prefixes[slot] != 0 {
          precondition(
            prefixes[slot] != first || entries[slot] & 0x1F != UInt32(bytes.count) || tails[slot] != tail,
            "hot tokens must be distinct")
          slot = (slot + 1) & (size - 1)
        }
        prefixes[slot] = first
        entries[slot] = UInt32(id) << 5 | UInt32(bytes.count)
        tails[slot] = tail
        kept += 1
      }
    }
    self.prefixes = prefixes
    self.entries = entries
    self.tails = tails
    self.mask = size - 1
  }

  /// The table's arrays, open for the length of a document.
  struct OpenTables {
    fileprivate let prefixes: UnsafeBufferPointer<UInt64>
    fileprivate let entries: UnsafeBufferPointer<UInt32>
    fileprivate let tails: UnsafeBufferPointer<UInt64>
    fileprivate let mask: Int

    /// The large table's id of `token` (whose first eight bytes are `first`, hashed as
    /// `ByteTable.hash`), when it is hot.
    @inline(__always) func id(of token: UnsafeBufferPointer<UInt8>, first: UInt64, hash: UInt64) -> Int32? {
      guard token.count <= HotTokens.maximumLength else { return nil }
      var slot = Int(truncatingIfNeeded: hash) & mask
      while prefixes[slot] != 0 {
        let entry = entries[slot]
        if prefixes[slot] == first && entry & 0x1F == UInt32(token.count)
          && (token.count <= 8 || tails[slot] == HotTokens.tail(token.baseAddress!, count: token.count))
        {
          return Int32(entry >> 5)
        }
        slot = (slot + 1) & mask
      }
      return nil
    }
  }

  /// Calls `body` with the arrays open.
  @inline(__always) func withOpenTables<Result>(_ body: (OpenTables) -> Result) -> Result {
    prefixes.withUnsafeBufferPointer { prefixes in
      entries.withUnsafeBufferPointer { entries in
        tails.withUnsafeBufferPointer { tails in
          body(OpenTables(prefixes: prefixes, entries: entries, tails: tails, mask: mask))
        }
      }
    }
  }

  /// The bytes past the eighth of a token of `count` bytes at `base` (at most sixteen), zero-padded.
  @inline(__always) static func tail(_ base: UnsafePointer<UInt8>, count: Int) -> UInt64 {
    count > 8 ? ByteTable.prefix(base + 8, count: count - 8) : 0
  }
}
