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

  /// Reserves room for `count` features of `byteCount` bytes in all.
  mutating func reserveCapacity(count: Int, byteCount: Int) {
    bytes.reserveCapacity(byteCount)
    starts.reserveCapacity(count + 1)
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
