import CPrefetch

/// Receives what `TokenScanner` finds, in text order (bytes valid only during the call).
///
/// A generic sink, unlike a closure, lets the scanner, the tokenizer's filters and the caller's
/// use of each token compile into one loop: through closures every token paid two indirect
/// calls and their register saves.
protocol ScanSink {
  /// A word, number placeholder or URL placeholder.
  mutating func word(_ bytes: UnsafeBufferPointer<UInt8>)
  /// One ASCII punctuation mark or symbol, as a one-byte token.
  mutating func mark(_ bytes: UnsafeBufferPointer<UInt8>)
  /// `. , : ; ! ?` (and their Unicode cousins): the end of a negation scope.
  mutating func scopeEnd()
}

/// The byte-level state machine behind `Tokenizer`.
struct TokenScanner {
  private var scratch: TokenBuffer
  /// The scratch buffer's storage, where `capitalWord` lowers a word while the buffer is empty.
  private let lowered: UnsafeMutableBufferPointer<UInt8>
  /// Letters in `scratch` (a token without any becomes `<num>`).
  private var letters = 0
  private static let number = Array("<num>".utf8)
  private static let url = Array("<url>".utf8)

  /// Whether plain and capitalised ASCII words skip the byte-by-byte path (off only to test that
  /// path against them).
  private let emitsPlainWords: Bool

  /// Scans into `storage`, which must outlive the scanner (a temporary allocation of the caller).
  init(storage: UnsafeMutableBufferPointer<UInt8>, emitsPlainWords: Bool = true) {
    scratch = TokenBuffer(storage: storage)
    lowered = storage
    self.emitsPlainWords = emitsPlainWords
  }

  /// Scans `bytes` (valid UTF-8) into `emit`, with a scope end at `. , : ; ! ?`.
  mutating func scan<Sink: ScanSink>(_ bytes: UnsafeBufferPointer<UInt8>, into emit: inout Sink) {
    var i = 0
    let count = bytes.count
    while i < count {
      let byte = bytes[i]
      if byte < 0x80 {
        // A space or control byte between tokens ends nothing and emits nothing: most bytes
        // after a word are one.
        if byte <= 0x20 && scratch.isEmpty {
          i += 1
          continue
        }
        if Self.isASCIIWord(byte) {
          if scratch.isEmpty, Self.startsURL(bytes, at: i) {
            i = Self.skipURL(bytes, from: i)
            Self.url.withUnsafeBufferPointer { emit.word($0) }
            continue
          }
          if emitsPlainWords, scratch.isEmpty {
            if byte &- 0x41 < 26 {
              // A capitalised ASCII word, lowered in one pass instead of byte by byte through
              // the scratch buffer's checks.
              if let end = Self.capitalWord(bytes, from: i, into: lowered) {
                emit.word(UnsafeBufferPointer(rebasing: lowered[..<(end - i)]))
                i = end
                continue
              }
            } else if let (end, hasLetter) = Self.plainWord(bytes, from: i) {
              // Most words are lowercase ASCII ending at a space or a mark: emit them from the
              // text itself, without copying them byte by byte into the scratch buffer.
              if hasLetter {
                emit.word(UnsafeBufferPointer(rebasing: bytes[i..<end]))
              } else {
                Self.number.withUnsafeBufferPointer { emit.word($0) }
              }
              i = end
              continue
            }
          }
          if byte >= 0x41 && byte <= 0x5A {
            scratch.append(byte | 0x20)
            letters += 1
          } else {
            if byte >= 0x61 { letters += 1 }
            scratch.append(byte)
          }
          i += 1
          continue
        }
        if byte == UInt8(ascii: "'") {
          apostrophe(bytes, at: i, length: 1, &emit)
          i += 1
          continue
        }
        if !scratch.isEmpty, i + 1 < count {
          // A hyphen between two word characters splits the compound without a mark.
          if byte == UInt8(ascii: "-") && Self.startsWord(bytes, at: i + 1) {
            finish(&emit)
            i += 1
            continue
          }
          // "3.5" and "1,000" stay one number.
          if letters == 0 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ","))
            && Self.isASCIIDigit(bytes[i + 1])
          {
            scratch.append(byte)
            i += 1
            continue
          }
        }
        finish(&emit)
        if Self.isScopeEnd(byte) { emit.scopeEnd() }
        if Tokenizer.isMarkByte(byte) {
          // The mark is its own byte of the text.
          emit.mark(UnsafeBufferPointer(rebasing: bytes[i..<(i + 1)]))
        }
        i += 1
        continue
      }
      let (scalar, length) = Self.decode(bytes, at: i)
      if scalar.value == 0x2019 || scalar.value == 0x2018 {
        apostrophe(bytes, at: i, length: length, &emit)
      } else if Self.isWordScalar(scalar) {
        let properties = scalar.properties
        if properties.isAlphabetic { letters += 1 }
        if properties.changesWhenLowercased {
          scratch.append(contentsOf: properties.lowercaseMapping.utf8)
        } else {
          scratch.append(contentsOf: bytes[i..<(i + length)])
        }
      } else {
        finish(&emit)
        // Ellipsis, inverted and full-width marks end a negation scope like their ASCII cousins.
        if scalar.value == 0x2026 || scalar.value == 0xFF01 || scalar.value == 0xFF1F {
          emit.scopeEnd()
        }
      }
      i += length
    }
    finish(&emit)
  }

  /// Handles an apostrophe (' U+2018 U+2019, `length` bytes at `index`). Before an English clitic
  /// ('s 're 've 'll 'd 'm, or the t of n't) it splits the word as the Penn Treebank does ("it's" ->
  /// "it" "'s", "don't" -> "do" "n't", and "it 's" gives the same tokens); between other word
  /// characters it stays inside the word ("o'brien"); anywhere else it ends the word and is
  /// dropped: quote, elision or plural possessive, it has no one meaning to count.
  private mutating func apostrophe<Sink: ScanSink>(
    _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int, _ emit: inout Sink
  ) {
    let next = index + length
    guard next < bytes.count else {
      finish(&emit)
      return
    }
    let clitic = Self.cliticLength(bytes, at: next)
    if clitic > 0 {
      finish(&emit)
      scratch.append(UInt8(ascii: "'"))
    } else if !scratch.isEmpty, Self.endsNegation(bytes, at: next), let last = scratch.bytes.last,
      last == UInt8(ascii: "n"), scratch.count > 1
    {
      scratch.removeLast()
      letters -= 1
      finish(&emit)
      scratch.append(UInt8(ascii: "n"))
      scratch.append(UInt8(ascii: "'"))
      letters = 1
    } else if !scratch.isEmpty, Self.startsWord(bytes, at: next) {
      scratch.append(UInt8(ascii: "'"))
    } else {
      finish(&emit)
    }
  }

  private mutating func finish<Sink: ScanSink>(_ emit: inout Sink) {
    guard !scratch.isEmpty else { return }
    if letters == 0 {
      Self.number.withUnsafeBufferPointer { emit.word($0) }
    } else {
      emit.word(scratch.bytes)
    }
    scratch.removeAll()
    letters = 0
  }

  /// The end of the run of lowercase ASCII letters and digits starting at `index` (and whether it
  /// holds a letter), when the slow path would end the token there too: nil if the run is longer than a token may be, or the
  /// next byte could extend or split it (a capital, an apostrophe, a hyphen, a non-ASCII byte, or
  /// a decimal point or comma inside a number).
  @inline(__always)
  static func plainWord(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> (end: Int, hasLetter: Bool)? {
    var end = index
    var letters = false
    let limit = bytes.count - index > TokenBuffer.maximumBytes ? index + TokenBuffer.maximumBytes : bytes.count
    // Eight bytes at a time while a whole word of them is plain; the loop below finishes the run.
    if let base = bytes.baseAddress {
      while end + 8 <= limit {
        let (plain, letter) = plainBytes(UInt64(littleEndian: cload_unaligned_u64(base + end)))
        if plain == highBits {
          letters = letters || letter != 0
          end += 8
          continue
        }
        let run = (~plain & highBits).trailingZeroBitCount / 8
        letters = letters || letter & ((1 << UInt64(8 * run)) - 1) != 0
        end += run
        return plainWordEnd(bytes, end: end, hasLetter: letters)
      }
    }
    while end < limit {
      let byte = bytes[end]
      if byte &- 0x61 < 26 {
        letters = true
      } else if byte &- 0x30 >= 10 {
        break
      }
      end += 1
    }
    return plainWordEnd(bytes, end: end, hasLetter: letters)
  }

  private static let highBits: UInt64 = 0x8080_8080_8080_8080

  /// Like `plainWord`, for a run of ASCII letters and digits that starts with a capital: writes
  /// it lowered into `storage` (of `TokenBuffer.maximumBytes`) and returns its end, or nil where
  /// the slow path must decide.
  @inline(never)
  static func capitalWord(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int, into storage: UnsafeMutableBufferPointer<UInt8>) -> Int? {
    let limit = min(bytes.count, index + min(storage.count, TokenBuffer.maximumBytes))
    var end = index
    // Eight bytes at a time, lowered by setting 0x20 in each capital (whatever follows the run
    // in the last word is written too, and never read).
    if let base = bytes.baseAddress, let target = storage.baseAddress {
      while end + 8 <= limit {
        let word = UInt64(littleEndian: cload_unaligned_u64(base + end))
        let (plain, capital) = wordBytes(word)
        UnsafeMutableRawPointer(target + (end - index)).storeBytes(of: (word | capital >> 2).littleEndian, as: UInt64.self)
        if plain == highBits {
          end += 8
          continue
        }
        end += (~plain & highBits).trailingZeroBitCount / 8
        return plainWordEnd(bytes, end: end, hasLetter: true)?.end
      }
    }
    while end < limit {
      let byte = bytes[end]
      if byte &- 0x41 < 26 {
        storage[end - index] = byte | 0x20
      } else if byte &- 0x61 < 26 || byte &- 0x30 < 10 {
        storage[end - index] = byte
      } else {
        break
      }
      end += 1
    }
    return plainWordEnd(bytes, end: end, hasLetter: true)?.end
  }

  /// Per byte of `word`, the high bit set where the byte is an ASCII letter or digit of either
  /// case (`plain`), and where it is a capital (`capital`); tested as `plainBytes` does.
  @inline(__always) static func wordBytes(_ word: UInt64) -> (plain: UInt64, capital: UInt64) {
    let capital = bytes(of: word, between: 0x40, and: 0x5B)
    return (capital | bytes(of: word, between: 0x60, and: 0x7B) | bytes(of: word, between: 0x2F, and: 0x3A), capital)
  }

  /// Per byte of `word`, the high bit set where the byte is a lowercase ASCII letter or digit
  /// (`plain`), and where it is a letter (`letter`).
  @inline(__always) static func plainBytes(_ word: UInt64) -> (plain: UInt64, letter: UInt64) {
    let letter = bytes(of: word, between: 0x60, and: 0x7B)
    return (letter | bytes(of: word, between: 0x2F, and: 0x3A), letter)
  }

  /// Per byte of `word`, the high bit set where `after < byte < before` (both below 0x80). Each
  /// byte is tested on its own: the sums and differences never carry or borrow across bytes, and
  /// bytes from 0x80 up are cleared.
  @inline(__always) private static func bytes(of word: UInt64, between after: UInt64, and before: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let low = word & (ones &* 0x7F)
    return (ones &* (0x7F + before) &- low) & ~word & (low &+ ones &* (0x7F - after)) & highBits
  }

  /// `plainWord`'s answer for a run of plain bytes ending at `end`: nil when the next byte could
  /// extend or split the token.
  @inline(__always)
  private static func plainWordEnd(_ bytes: UnsafeBufferPointer<UInt8>, end: Int, hasLetter letters: Bool) -> (end: Int, hasLetter: Bool)? {
    guard end < bytes.count else { return (end, letters) }
    let next = bytes[end]
    if next &- 0x61 < 26 || next &- 0x30 < 10 { return nil }  // longer than a token may be
    if next >= 0x80 || next &- 0x41 < 26 || next == UInt8(ascii: "'") || next == UInt8(ascii: "-") {
      return nil
    }
    if !letters && (next == UInt8(ascii: ".") || next == UInt8(ascii: ",")) { return nil }
    return (end, letters)
  }

  /// The length of a clitic ("s", "re", "ve", "ll", "d", "m", any case) at `index` when no word
  /// character follows it; 0 otherwise.
  static func cliticLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let count = bytes.count
    let first = bytes[index] | 0x20
    let second = index + 1 < count ? bytes[index + 1] | 0x20 : 0
    let length: Int
    switch first {
    case UInt8(ascii: "s"), UInt8(ascii: "d"), UInt8(ascii: "m"):
      length = 1
    case UInt8(ascii: "r"), UInt8(ascii: "v"):
      guard second == UInt8(ascii: "e") else { return 0 }
      length = 2
    case UInt8(ascii: "l"):
      guard second == UInt8(ascii: "l") else { return 0 }
      length = 2
    default:
      return 0
    }
    return index + length == count || !startsWord(bytes, at: index + length) ? length : 0
  }

  /// Whether a lone "t" (any case) sits at `index`: the end of "n't".
  static func endsNegation(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    bytes[index] | 0x20 == UInt8(ascii: "t") && (index + 1 == bytes.count || !startsWord(bytes, at: index + 1))
  }

  @inline(__always) static func isASCIIWord(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
  }

  @inline(__always) static func isASCIIDigit(_ byte: UInt8) -> Bool {
    byte >= 0x30 && byte <= 0x39
  }

  @inline(__always) static func isScopeEnd(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"),
      UInt8(ascii: "!"), UInt8(ascii: "?"):
      return true
    default:
      return false
    }
  }

  /// Whether a word character starts at `index`.
  static func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    let byte = bytes[index]
    if byte < 0x80 { return isASCIIWord(byte) }
    return isWordScalar(decode(bytes, at: index).scalar)
  }

  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let properties = scalar.properties
    if properties.isAlphabetic { return true }
    switch properties.generalCategory {
    case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
      return true
    default:
      return false
    }
  }

  /// Decodes the scalar at `index` of valid UTF-8 (Swift strings always are).
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
    let lead = UInt32(bytes[index])
    let length: Int
    var value: UInt32
    if lead < 0xE0 {
      length = 2
      value = lead & 0x1F
    } else if lead < 0xF0 {
      length = 3
      value = lead & 0x0F
    } else {
      length = 4
      value = lead & 0x07
    }
    guard index + length <= bytes.count else { return ("\u{FFFD}", 1) }
    for offset in 1..<length {
      value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
    }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
  }

  static func startsURL(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    // Most words start with neither "ht" nor "ww" ("he", "was", "with" are common): settle them
    // before comparing prefixes.
    guard index + 1 < bytes.count else { return false }
    let first = bytes[index] | 0x20
    let second = bytes[index + 1] | 0x20
    guard (first == UInt8(ascii: "h") && second == UInt8(ascii: "t")) || (first == UInt8(ascii: "w") && second == UInt8(ascii: "w"))
    else { return false }
    return hasPrefix(bytes, at: index, "http://") || hasPrefix(bytes, at: index, "https://")
      || hasPrefix(bytes, at: index, "www.")
  }

  private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ prefix: StaticString) -> Bool {
    let length = prefix.utf8CodeUnitCount
    guard index + length <= bytes.count else { return false }
    let start = prefix.utf8Start
    for offset in 0..<length where bytes[index + offset] | 0x20 != start[offset] | 0x20 {
      return false
    }
    return true
  }

  /// The index after a URL: the next ASCII whitespace or closing bracket/quote.
  static func skipURL(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
    var i = index
    while i < bytes.count {
      switch bytes[i] {
      case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"),
        UInt8(ascii: ")"), UInt8(ascii: "]"):
        return i
      default:
        i += 1
      }
    }
    return i
  }
}

/// A fixed-capacity byte buffer for the token being built; bytes past the capacity are dropped.
struct TokenBuffer {
  private let storage: UnsafeMutableBufferPointer<UInt8>
  private(set) var count = 0
  /// Once a scalar did not fit, the rest of the token is dropped so the kept part stays a prefix.
  private var full = false

  /// Runs longer than this are base64, hashes or glued markup, not words; capping the token keeps
  /// the scanner allocation-free. Cuts fall on scalar boundaries, so tokens stay valid UTF-8.
  static let maximumBytes = 256

  init(storage: UnsafeMutableBufferPointer<UInt8>) {
    self.storage = storage
  }

  var isEmpty: Bool { count == 0 }

  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: storage[0..<count]) }

  @inline(__always) mutating func append(_ byte: UInt8) {
    guard !full else { return }
    guard count < storage.count else {
      full = true
      return
    }
    storage[count] = byte
    count += 1
  }

  mutating func append<Bytes: Collection>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
    guard !full else { return }
    guard count + bytes.count <= storage.count else {
      full = true
      return
    }
    for byte in bytes {
      storage[count] = byte
      count += 1
    }
  }

  mutating func removeLast() {
    if count > 0 && !full { count -= 1 }
  }

  mutating func removeAll() {
    count = 0
    full = false
  }
}
