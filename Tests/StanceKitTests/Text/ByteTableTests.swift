import Testing

@testable import StanceKit

/// The token table must behave exactly like a dictionary from byte strings to insertion order.
@Suite struct ByteTableTests {
  /// Byte strings of every length from 0 to 300, many sharing their first four or eight bytes
  /// or differing only in length, with NUL and non-ASCII bytes.
  static func strings(seed: UInt64, count: Int) -> [[UInt8]] {
    var random = SplitMix64(seed: seed)
    let stems: [[UInt8]] = [[], Array("abcdefgh".utf8), Array("abcd".utf8), [0, 0, 0], [0xC3, 0xA9]]
    return (0..<count).map { _ in
      var bytes = stems[Int(random.next() % UInt64(stems.count))]
      let extra = Int(random.next() % (random.next() % 4 == 0 ? 300 : 12))
      for _ in 0..<extra { bytes.append([0, 0x61, 0x62, 0xFF][Int(random.next() % 4)]) }
      return bytes
    }
  }

  @Test func internAndFindAgreeWithADictionary() {
    var table = ByteTable(capacity: 4)
    var reference: [[UInt8]: Int32] = [:]
    let all = Self.strings(seed: 3, count: 20_000)
    for bytes in all.prefix(15_000) {
      let id = bytes.withUnsafeBufferPointer { table.intern($0) }
      let expected = reference[bytes] ?? Int32(reference.count)
      reference[bytes] = expected
      #expect(id == expected, "\(bytes)")
    }
    #expect(table.count == reference.count)
    for bytes in all {
      #expect(bytes.withUnsafeBufferPointer { table.find($0) } == reference[bytes], "\(bytes)")
    }
    for (bytes, id) in reference { #expect(Array(table.bytes(of: Int(id))) == bytes) }
  }

  @Test func lookupsReadOnlyTheirOwnBytes() {
    // A token inside a longer buffer must not pick up the bytes after it.
    var table = ByteTable()
    let text = Array("warfare war".utf8)
    let war = text.withUnsafeBufferPointer { table.intern(UnsafeBufferPointer(rebasing: $0[8..<11])) }
    let inside = text.withUnsafeBufferPointer { table.find(UnsafeBufferPointer(rebasing: $0[0..<3])) }
    #expect(inside == war)
    #expect(text.withUnsafeBufferPointer { table.find(UnsafeBufferPointer(rebasing: $0[0..<7])) } == nil)
  }
}

/// Batched lookups, with and without hot tokens, must give the ids of one-by-one lookups.
@Suite struct TokenBatchTests {
  @Test func hotTokensTellApartTokensThatPadAlike() {
    // A hot slot holds a token's bytes zero-padded to eight: "a" and "a\0" share them, and only
    // the length kept beside tells them apart; a token starting with zero is never hot.
    var table = ByteTable(capacity: 4)
    let tokens: [[UInt8]] = [[0x61], [0x61, 0], [0x61, 0, 0], [0, 0x61], [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68]]
    let ids = tokens.map { token in token.withUnsafeBufferPointer { table.intern($0) } }
    let hot = HotTokens(tokens: table, ids: ids.reversed())
    var batch = TokenBatch()
    // Ids already in the array (an earlier document's) stay as they are.
    var found: [Int32] = [7, 8]
    table.gathering(into: &batch, ids: &found, hot: hot) { gather in for token in tokens { token.withUnsafeBufferPointer { gather.token($0) } } }
    #expect(batch.count == 1, "all but the zero-led token were settled hot")
    table.findAll(batch, into: &found)
    #expect(found == [7, 8] + ids)
  }

  @Test func hotTokensCompareTheBytesPastTheEighth() {
    // Tokens of nine to sixteen bytes are hot too. Siblings that share their first eight bytes
    // and length differ only in the tail kept beside; with every other one hot, the probes of
    // the others pass over hot siblings. Seventeen bytes is never hot.
    var table = ByteTable(capacity: 4)
    let words = (0..<400).map { "government" + String($0, radix: 36) } + ["internationalist", "internationalists"]
    let ids = words.map { table.intern($0) }
    let hot = HotTokens(tokens: table, ids: stride(from: 0, to: ids.count, by: 2).map { ids[$0] } + [ids.last!])
    var batch = TokenBatch()
    var found: [Int32] = []
    table.gathering(into: &batch, ids: &found, hot: hot) { gather in
      for word in words + ["governmentzzz"] { Array(word.utf8).withUnsafeBufferPointer { gather.token($0) } }
    }
    #expect(batch.count == 202, "settled hot: every other sibling and the 16-byte word")
    table.findAll(batch, into: &found)
    #expect(found == ids + [-1])
  }

  @Test func batchesGiveTheIdsOfSingleLookups() {
    let all = ByteTableTests.strings(seed: 5, count: 6_000)
    var table = ByteTable(capacity: 4)
    var batch = TokenBatch()
    var ids: [Int32] = []
    // Two documents, the second's ids after the first's.
    for document in [all.prefix(1_000), all[1_000..<4_000]] {
      batch.removeAll()
      table.gathering(into: &batch) { gather in for bytes in document { bytes.withUnsafeBufferPointer { gather.token($0) } } }
      table.internAll(batch, into: &ids)
    }
    var reference = ByteTable(capacity: 4)
    #expect(ids == all.prefix(4_000).map { bytes in bytes.withUnsafeBufferPointer { reference.intern($0) } })
    // Hot tokens: every other entry, short and long ones, in reverse order.
    let hot = HotTokens(tokens: table, ids: stride(from: table.count - 1, through: 0, by: -2).map { Int32($0) })
    let noneHot = HotTokens(tokens: ByteTable(capacity: 1), ids: [])
    for hotTokens in [noneHot, hot] {
      batch.removeAll()
      ids.removeAll()
      table.gathering(into: &batch, ids: &ids, hot: hotTokens) { gather in for bytes in all { bytes.withUnsafeBufferPointer { gather.token($0) } } }
      table.findAll(batch, into: &ids)
      #expect(ids == all.map { bytes in bytes.withUnsafeBufferPointer { table.find($0) } ?? -1 })
    }
  }
}
