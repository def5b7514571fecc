/// Turns chosen paragraphs into numbered passages, splitting long ones at sentence ends.
enum PassageSplitter {
  /// Paragraphs longer than this many words are split: a passage should be about one point,
  /// and classifiers score shorter units more reliably.
  static let maxWords = 120

  /// A piece may run this far past its target length rather than cut a sentence early…
  static let overshoot = 1.15
  /// …and is closed only once it holds this share of the target, so no piece is a stub.
  static let minFill = 0.5

  /// Words that end with a period without ending a sentence.
  static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "gov", "sen",
    "rep", "pres", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "jan", "feb", "aug",
    "sept", "sep", "oct", "nov", "dec", "inc", "co", "corp", "ltd", "mt", "ft", "approx",
  ]

  /// Longest entry in `abbreviations`.
  static let maxAbbreviationLength = 6

  static func passages(from blocks: [ContentBlock]) -> [Passage] {
    var out: [Passage] = []
    for block in blocks {
      let text = normalizeWhitespace(block.text)
      guard !text.isEmpty else { continue }
      let pieces = block.heading ? [text] : split(text)
      for piece in pieces {
        out.append(Passage(index: out.count, text: piece, heading: block.heading))
      }
    }
    return out
  }

  /// Collapses every whitespace run (including no-break spaces) to one space and trims.
  static func normalizeWhitespace(_ s: String) -> String {
    if isNormalized(s) { return s }
    return s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// Text with single inner spaces, no edge spaces and no other whitespace needs no work
  /// (HTML blocks already are); checked on bytes, including the Unicode spaces.
  static func isNormalized(_ s: String) -> Bool {
    var s = s
    return s.withUTF8 { b in
      var previousSpace = true
      var i = 0
      while i < b.count {
        let c = b[i]
        if c == 0x20 {
          if previousSpace { return false }
          previousSpace = true
        } else {
          previousSpace = false
          if c < 0x20 { return false }
          if c == 0xC2 && i + 1 < b.count && (b[i + 1] == 0xA0 || b[i + 1] == 0x85) { return false }
          if c == 0xE1 && i + 2 < b.count && b[i + 1] == 0x9A && b[i + 2] == 0x80 { return false }
          if c == 0xE2 && i + 2 < b.count {
            let (c1, c2) = (b[i + 1], b[i + 2])
            if c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return false }
            if c1 == 0x81 && c2 == 0x9F { return false }
          }
          if c == 0xE3 && i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80 { return false }
        }
        i += 1
      }
      return !previousSpace || b.isEmpty
    }
  }

  /// Splits `text` into pieces of at most about `maxWords`, of similar length, at sentence ends.
  static func split(_ text: String) -> [String] {
    guard LineRules.approximateWordCount(text) > maxWords else { return [text] }
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    guard words.count > maxWords else { return [text] }
    let sentences = sentenceSplit(words)
    guard sentences.count > 1 else { return [text] }
    let pieces = (words.count + maxWords - 1) / maxWords
    let target = Double(words.count) / Double(pieces)
    var out: [String] = []
    var current: [Substring] = []
    for sentence in sentences {
      if !current.isEmpty && Double(current.count + sentence.count) > target * overshoot
        && Double(current.count) >= target * minFill
      {
        out.append(current.joined(separator: " "))
        current = []
      }
      current += sentence
    }
    if !current.isEmpty { out.append(current.joined(separator: " ")) }
    return out
  }

  /// Groups words into sentences: a word ending in . ! or ? (before closing quotes or brackets)
  /// ends one when the next word starts with a capital, digit or opening quote.
  static func sentenceSplit(_ words: [Substring]) -> [[Substring]] {
    var sentences: [[Substring]] = []
    var current: [Substring] = []
    for (i, word) in words.enumerated() {
      current.append(word)
      guard i + 1 < words.count, endsSentence(word), startsSentence(words[i + 1]) else { continue }
      sentences.append(current)
      current = []
    }
    if !current.isEmpty { sentences.append(current) }
    return sentences
  }

  static let closers: Set<Character> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]", "»"]
  static let openers: Set<Character> = ["\"", "'", "\u{201C}", "\u{2018}", "(", "[", "«"]

  static func endsSentence(_ word: Substring) -> Bool {
    var w = word
    while let last = w.last, closers.contains(last) { w.removeLast() }
    guard let last = w.last, last == "." || last == "!" || last == "?" else { return false }
    if last != "." { return true }
    var stemChars = w.dropLast()
    while let first = stemChars.first, openers.contains(first) { stemChars.removeFirst() }
    // A single letter is an initial ("John F. Kennedy"); abbreviations are short.
    if stemChars.count <= 1 { return false }
    if stemChars.count > maxAbbreviationLength { return true }
    return !abbreviations.contains(stemChars.lowercased())
  }

  static func startsSentence(_ word: Substring) -> Bool {
    guard var c = word.first else { return false }
    if openers.contains(c), let second = word.dropFirst().first { c = second }
    return c.isUppercase || c.isNumber
  }
}

import Foundation
