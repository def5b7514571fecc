/// Splits text into lower-cased word tokens over its UTF-8 bytes, with number and URL placeholders.
///
/// A token is a run of Unicode letters and digits, one-letter words included. English clitics are
/// split off as in the Penn Treebank ("it's" -> "it" "'s", "don't" -> "do" "n't"), so text that
/// arrives already tokenised that way ("it 's", "do n't") gives the same tokens; any other
/// apostrophe (' U+2018 U+2019) between two word characters stays inside the word ("o'brien"), and
/// elsewhere (quotes, "'70s", "actors'") it is dropped. A hyphen between two word characters splits
/// the word without a mark ("well-known" -> "well" "known"). Tokens without letters become `<num>`,
/// anything starting with `http://`, `https://` or `www.` up to the next space becomes `<url>`.
/// Every other ASCII punctuation mark or symbol is a one-character token (10-fold CV on CR and
/// Subj: +0.7 and +0.5 accuracy points, MR unchanged). Version 3's clitic, hyphen, apostrophe and
/// one-letter-word rules, together, moved 10-fold CV accuracy (multinomial, presence, 1–2-grams,
/// alpha 1) on MR from 0.7872 to 0.7901 and on RT-2k from 0.8535 to 0.8555. N-grams holding a
/// mark count once per passage even in frequency models (`PassageCounting` says why). With
/// `negation`, words after a negator get a `NOT_` prefix up to the next `. , : ; ! ?` (Pang, Lee
/// and Vaithyanathan 2002).
public struct Tokenizer: Sendable {
  /// The options that decide stop words and negation.
  public var options: FeatureOptions

  /// Bumped whenever tokenisation changes, so model files trained differently are refused.
  public static let version: UInt32 = 3

  /// Creates a tokenizer for `options`.
  public init(options: FeatureOptions = FeatureOptions()) {
    self.options = options
  }

  /// The tokens of `text` after stop-word removal and negation marking.
  public func tokens(in text: String) -> [String] {
    var result: [String] = []
    forEachToken(in: text) { result.append(String(decoding: $0, as: UTF8.self)) }
    return result
  }

  /// The n-gram features of `text`, each n-gram's tokens joined by one space, in text order.
  public func features(in text: String) -> [String] {
    let words = tokens(in: text)
    var result: [String] = []
    for n in options.ngramRange where n <= words.count {
      for start in 0...(words.count - n) {
        result.append(words[start..<(start + n)].joined(separator: " "))
      }
    }
    return result
  }

  /// Whether a token is a punctuation mark: one ASCII punctuation or symbol byte (a one-letter
  /// word such as "a" or "i" is not a mark).
  @inline(__always) static func isMark(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
    token.count == 1 && isMarkByte(token[0])
  }

  /// Whether `byte` is printable ASCII other than a letter or digit.
  @inline(__always) static func isMarkByte(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte < 0x7F && !TokenScanner.isASCIIWord(byte)
  }

  /// Whether the space-joined n-gram `ngram` holds a one-character punctuation mark.
  static func containsMark(ngram: String) -> Bool { containsMark(ngram: ngram.utf8) }

  /// Whether a space-joined n-gram holds a punctuation mark token.
  static func containsMark<Bytes: Sequence<UInt8>>(ngram: Bytes) -> Bool {
    var length = 0
    var first: UInt8 = 0
    for byte in ngram {
      if byte == 0x20 {
        if length == 1 && isMarkByte(first) { return true }
        length = 0
      } else {
        if length == 0 { first = byte }
        length += 1
      }
    }
    return length == 1 && isMarkByte(first)
  }

  /// Calls `body` with the bytes of each final token of `text`, in order (valid only during the call).
  func forEachToken(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    struct Caller: TokenSink {
      let body: (UnsafeBufferPointer<UInt8>) -> Void
      func token(_ bytes: UnsafeBufferPointer<UInt8>) { body(bytes) }
    }
    withoutActuallyEscaping(body) { body in
      var sink = Caller(body: body)
      forEachToken(in: text, into: &sink)
    }
  }

  /// Gives `sink` the bytes of each final token of `text`, in order (valid only during the call).
  @inline(__always)
  func forEachToken<Sink: TokenSink>(in text: String, into sink: inout Sink) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * TokenBuffer.maximumBytes + 8) { storage in
      let limit = TokenBuffer.maximumBytes
      var scanner = TokenScanner(storage: UnsafeMutableBufferPointer(rebasing: storage[0..<limit]))
      var filter = FinalTokens(
        sink: sink, options: options,
        prefixed: TokenBuffer(storage: UnsafeMutableBufferPointer(rebasing: storage[limit..<(2 * limit + 4)])))
      var text = text
      text.withUTF8 { scanner.scan($0, into: &filter) }
      sink = filter.sink
    }
  }
}

/// Receives the tokenizer's final tokens (bytes valid only during the call).
///
/// `Tokenizer.forEachToken(in:into:)` works on a copy of the sink and hands it back at the end,
/// so a sink should point to the storage it fills rather than own it (owned arrays would be
/// copied on their first write).
protocol TokenSink {
  mutating func token(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// The scanner's words and marks after stop-word removal and negation marking, passed on to `sink`.
private struct FinalTokens<Sink: TokenSink>: ScanSink {
  var sink: Sink
  let negation: Bool
  let stopWords: Bool
  /// The token with its `NOT_` prefix.
  var prefixed: TokenBuffer
  var negating = false

  init(sink: Sink, options: FeatureOptions, prefixed: TokenBuffer) {
    self.sink = sink
    negation = options.negation
    stopWords = options.stopWords
    self.prefixed = prefixed
  }

  @inline(__always) mutating func scopeEnd() { negating = false }

  @inline(__always) mutating func mark(_ bytes: UnsafeBufferPointer<UInt8>) { sink.token(bytes) }

  @inline(__always) mutating func word(_ token: UnsafeBufferPointer<UInt8>) {
    if stopWords && StopWords.english.find(token) != nil { return }
    if negation {
      if Negators.isNegator(token) {
        negating = true
      } else if negating {
        prefixed.removeAll()
        prefixed.append(contentsOf: "NOT_".utf8)
        prefixed.append(contentsOf: token)
        sink.token(prefixed.bytes)
        return
      }
    }
    sink.token(token)
  }
}

/// Words that open a negation scope.
enum Negators {
  static let words: ByteTable = {
    var table = ByteTable(capacity: 16)
    for word in ["not", "no", "never", "nor", "cannot", "without", "nothing", "none", "nobody", "nowhere", "neither"] {
      _ = table.intern(word)
    }
    return table
  }()

  /// Whether `token` is a negator: one of `words`, or a contraction ending in "n't".
  static func isNegator(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = token.count
    if count >= 3 && token[count - 1] == UInt8(ascii: "t") && token[count - 2] == UInt8(ascii: "'")
      && token[count - 3] == UInt8(ascii: "n")
    {
      return true
    }
    return words.find(token) != nil
  }
}
