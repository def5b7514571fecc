import Foundation

/// A model's feature strings (n-gram tokens joined by a space), sorted by UTF-8 bytes and held
/// back to back in one byte array.
///
/// A million n-grams as separate `String`s cost an allocation and a UTF-8 check each, a large
/// share of training on 20 Newsgroups; a `String` is made only when a feature is read.
struct Vocabulary: RandomAccessCollection, Hashable, Sendable {
  /// The features' UTF-8 bytes.
  private(set) var bytes: [UInt8] = []
  /// Feature `i` is `bytes[starts[i]..<starts[i + 1]]`.
  private(set) var starts: [Int] = [0]

  init() {}

  /// A vocabulary from its bytes and feature starts (`starts[0] == 0`, one more than features).
  init(bytes: [UInt8], starts: [Int]) {
    precondition(starts.first == 0 && starts.last == bytes.count)
    self.bytes = bytes
    self.starts = starts
  }

  /// The n-grams `ngrams` over the tokens of `tokens`, in the order given, each one's tokens
  /// joined by a space: lengths first, then each feature's bytes copied straight into place.
  init(ngrams: [NGramKey], tokens: ByteTable) {
    self = tokens.withArena { arena, tokenStarts in
      var starts = [Int](repeating: 0, count: ngrams.count + 1)
      for (feature, key) in ngrams.enumerated() {
        var length = -1
        key.forEachToken { length += tokenStarts[$0 + 1] - tokenStarts[$0] + 1 }
        starts[feature + 1] = starts[feature] + length
      }
      let bytes = [UInt8](unsafeUninitializedCapacity: starts[ngrams.count]) { buffer, initialized in
        var offset = 0
        for key in ngrams {
          var separated = false
          key.forEachToken { token in
            if separated {
              buffer[offset] = 0x20
              offset += 1
            }
            separated = true
            let length = tokenStarts[token + 1] - tokenStarts[token]
            _ = UnsafeMutableBufferPointer(rebasing: buffer[offset..<(offset + length)])
              .initialize(from: UnsafeBufferPointer(rebasing: arena[tokenStarts[token]..<tokenStarts[token + 1]]))
            offset += length
          }
        }
        initialized = offset
      }
      return Vocabulary(bytes: bytes, starts: starts)
    }
  }

  /// The vocabulary of `features`, in the order given.
  init<Features: Sequence<String>>(_ features: Features) {
    for feature in features { append(feature.utf8) }
  }

  var startIndex: Int { 0 }
  var endIndex: Int { starts.count - 1 }

  subscript(index: Int) -> String {
    String(decoding: utf8(index), as: UTF8.self)
  }

  /// Feature `index`'s bytes.
  func utf8(_ index: Int) -> ArraySlice<UInt8> {
    bytes[starts[index]..<starts[index + 1]]
  }

  /// Appends one feature's bytes.
  mutating func append<Bytes: Collection<UInt8>>(_ feature: Bytes) {
    bytes.append(contentsOf: feature)
    starts.append(bytes.count)
  }

  /// The first index whose feature does not sort strictly after the one before it, or nil.
  func firstUnsorted() -> Int? {
    bytes.withUnsafeBufferPointer { base in
      for index in indices.dropFirst() {
        let a = UnsafeBufferPointer(rebasing: base[starts[index - 1]..<starts[index]])
        let b = UnsafeBufferPointer(rebasing: base[starts[index]..<starts[index + 1]])
        if ByteOrder.compare(a, b) >= 0 { return index }
      }
      return nil
    }
  }
}
