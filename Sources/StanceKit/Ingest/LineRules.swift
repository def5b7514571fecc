import Foundation

/// Recognises boilerplate lines that survive markup removal (or arrive as plain text):
/// photo credits, image file slugs, bylines, author bios and "More from …" list headers.
enum LineRules {
  /// Agency and credit markers; a short line holding one is a photo or image credit.
  static let creditMarkers: [String] = [
    "Getty Images", "AFP", "Reuters", "Associated Press", "AP Photo", "Shutterstock", "EPA-EFE",
    "via Getty", "Photo by", "Photo:", "Photograph:", "Photographs:", "Image:", "Images:",
    "Credit:", "Illustration:", "Illustration by", "Courtesy of", "/AP", "Pool/", "Photo credit",
    "Image credit", "Photo illustration", "iStock", "Alamy", "Bloomberg via", "Anadolu Agency",
    "NurPhoto", "SOPA Images", "Xinhua", "Imagine China", "Wikimedia Commons", "/Getty",
  ]
  /// "NAME/AGENCY" credits are mostly capitals (initials and "Jr." aside)…
  static let capitalCreditShare = 0.7
  /// …and need a few letters, so "A/B" is not a credit.
  static let minCapitalCreditLetters = 4
  /// Credits are short; a long line mentioning an agency is prose about it.
  static let maxCreditWords = 12

  /// Words naming a writer's role; bylines and bios contain one.
  static let roleWords: [String] = [
    "columnist", "contributor", "contributing", "professor", "fellow", "editor", "author",
    "writer", "correspondent", "journalist", "reporter", "analyst", "researcher", "director",
    "lecturer", "scholar", "staff", "president of", "founder", "chair of", "senior",
  ]
  /// "Follow us on Twitter", "follow her on Instagram": contact lines under an article.
  static let followPhrases = ["follow us", "follow him", "follow her", "follow them", "follow me", "follow @"]
  static let socialNetworks = ["twitter", "facebook", "instagram", "linkedin", "threads", "bluesky", "mastodon"]

  /// Bylines ("By …, a columnist at …") are at most this long.
  static let maxBylineWords = 30
  /// Bios ("X is a columnist at …") are at most this long.
  static let maxBioWords = 60

  /// Headers that introduce a list of other articles.
  static let moreFromMarkers: [String] = [
    "more from", "related", "read more", "recommended", "also on", "most popular", "most read",
    "trending", "you may also like", "you might also like", "read next", "more stories",
    "latest stories", "related articles", "related stories", "related content", "more on this",
    "editor's picks", "editors' picks", "popular now", "what to read next", "further reading",
  ]
  /// A "More from" header is a short line.
  static let maxMarkerWords = 8

  /// Byte substring search; Foundation's `contains` is locale-aware and far slower.
  static func containsBytes(_ haystack: String, _ needle: String) -> Bool {
    var h = haystack
    var n = needle
    return h.withUTF8 { hb in
      n.withUTF8 { nb in
        guard nb.count > 0, hb.count >= nb.count else { return false }
        let first = nb[0]
        var i = 0
        let last = hb.count - nb.count
        while i <= last {
          if hb[i] == first {
            var k = 1
            while k < nb.count && hb[i + k] == nb[k] { k += 1 }
            if k == nb.count { return true }
          }
          i += 1
        }
        return false
      }
    }
  }

  /// A name before " is " in a bio is at most this many bytes.
  static let maxBioNameBytes = 60

  /// Offset of `needle` in `haystack` if it starts within the first `limit` bytes.
  static func byteOffset(of needle: String, in haystack: String, within limit: Int) -> Int? {
    var h = haystack
    var n = needle
    return h.withUTF8 { hb in
      n.withUTF8 { nb in
        guard nb.count > 0, hb.count >= nb.count else { return nil }
        let last = min(hb.count - nb.count, limit)
        var i = 0
        while i <= last {
          if hb[i] == nb[0] {
            var k = 1
            while k < nb.count && hb[i + k] == nb[k] { k += 1 }
            if k == nb.count { return i }
          }
          i += 1
        }
        return nil
      }
    }
  }

  static func wordCount(_ s: String) -> Int {
    // ASCII fast path: Character.isWhitespace costs a Unicode property lookup per character,
    // which made a 1 MiB word take seconds; for ASCII both ways give the same count.
    if s.utf8.allSatisfy({ $0 < 0x80 }) {
      var count = 0
      var inWord = false
      for byte in s.utf8 {
        let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
        if !space && !inWord { count += 1 }
        inWord = !space
      }
      return count
    }
    return s.split(whereSeparator: { $0.isWhitespace }).count
  }

  /// Labels that stand alone where an advertisement or widget was.
  static let standaloneLabels: Set<String> = [
    "advertisement", "advertising", "advert", "sponsored", "sponsored content", "ad",
    "paid content", "story continues below advertisement", "continue reading below",
    "skip advertisement", "comments", "comment", "leave a comment", "leave a reply",
    "post a comment", "add comment", "show comments", "view comments", "share", "share this",
    "share this article", "share this story", "print", "email", "tweet", "tags",
    "this slideshow requires javascript", "loading", "read more", "continue reading",
  ]

  /// Labels that open a comment thread on their own.
  static let threadLabels: Set<String> = [
    "comments", "leave a comment", "leave a reply", "post a comment", "add a comment",
    "add comment", "join the discussion", "reader comments", "readers comments",
  ]
  /// Labels that open one after a count ("12 Comments", "One Response"); alone, "Response" or
  /// "Reactions" can be an article's own section heading.
  static let countedThreadLabels: Set<String> = ["comments", "comment", "responses", "response", "replies", "reactions"]
  /// Forms that name the post: "3 Responses to “Title”", "One thought on “Title”".
  static let threadLabelPrefixes = ["responses to ", "response to ", "comments on ", "comments to ", "thoughts on ", "thought on "]

  /// A comment thread's opening label.
  static func isThreadLabel(_ line: String) -> Bool {
    var t = Substring(line.lowercased())
    while let c = t.first, !(c.isLetter || c.isNumber) { t.removeFirst() }
    while let c = t.last, !(c.isLetter || c.isNumber) { t.removeLast() }
    if threadLabels.contains(String(t)) { return true }
    // A leading count: digits or a number word.
    guard let space = t.firstIndex(of: " ") else { return false }
    let first = t[..<space]
    guard first.allSatisfy(\.isNumber) || ["one", "two", "three", "no"].contains(first) else { return false }
    let rest = t[t.index(after: space)...]
    return countedThreadLabels.contains(String(rest)) || threadLabelPrefixes.contains { rest.hasPrefix($0) }
  }

  /// Any of the line kinds below. Cheap length checks come first: this runs on every block.
  static func isBoilerplate(_ line: String) -> Bool {
    let words = approximateWordCount(line)
    if words > maxBioWords { return false }
    if words <= maxCreditWords && (isLabel(line) || isCredit(line)) { return true }
    if words == 1 && isSlug(line) { return true }
    if words <= maxBylineWords && isByline(line) { return true }
    return isBio(line)
  }

  /// Spaces plus one: exact for whitespace-normalised text, and needs no allocation.
  static func approximateWordCount(_ line: String) -> Int {
    // Over the contiguous bytes: the UTF-8 view's iterator took 1 % of classifying a crawl.
    var line = line
    return line.withUTF8 { bytes in
      var n = 1
      for b in bytes where b == 0x20 { n += 1 }
      return n
    }
  }

  /// "Image 1 of 5", "Photo 3 of 12", "Slide 2 of 9": a gallery's position counter.
  static func isGalleryCounter(_ line: String) -> Bool {
    guard containsBytes(line, " of ") else { return false }
    let words = line.split(separator: " ")
    guard words.count == 4, words[2] == "of", words[1].allSatisfy(\.isNumber), words[3].allSatisfy(\.isNumber) else {
      return false
    }
    return ["image", "photo", "slide", "picture", "item"].contains(words[0].lowercased())
  }

  /// Built once: a CharacterSet union per call was a tenth of ingest time on many short lines.
  static let labelTrimSet = CharacterSet.punctuationCharacters.union(.whitespaces)

  /// "Advertisement", "ADVERTISEMENT", "Sponsored", "12 Comments", or a CMS shortcode left in
  /// the text ("[button link=…]Send us your review[/button]").
  static func isLabel(_ line: String) -> Bool {
    let bytes = line.utf8
    if bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]"), containsBytes(line, "[/") { return true }
    guard bytes.count <= 40 else { return false }
    if isGalleryCounter(line) { return true }
    // Labels are short ASCII words: lower-case and trim punctuation on bytes, no Foundation.
    var label: [UInt8] = []
    label.reserveCapacity(bytes.count)
    for b in bytes {
      if b >= 0x80 { return false }
      label.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
    }
    func isEdge(_ b: UInt8) -> Bool { !((b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)) }
    while let last = label.last, isEdge(last) { label.removeLast() }
    var start = 0
    while start < label.count, isEdge(label[start]) { start += 1 }
    // "12 comments", "3 Comments".
    var digits = start
    while digits < label.count, label[digits] >= 0x30 && label[digits] <= 0x39 { digits += 1 }
    if digits > start, digits < label.count, label[digits] == 0x20 { start = digits + 1 }
    guard start < label.count else { return false }
    return standaloneLabels.contains(String(decoding: label[start...], as: UTF8.self))
  }


  /// "NAME/AFP/Getty Images", "Photo: Reuters".
  static func isCredit(_ line: String) -> Bool {
    guard approximateWordCount(line) <= maxCreditWords else { return false }
    // Every marker, and every agency credit, has a capital letter or a slash.
    guard line.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2F }) else { return false }
    if creditMarkers.contains(where: { containsBytes(line, $0) }) { return true }
    // Agency credits are written in capitals separated by slashes.
    if containsBytes(line, "/") && !containsBytes(line, "://") {
      let letters = line.unicodeScalars.filter { CharacterSet.letters.contains($0) }
      let upper = letters.filter { CharacterSet.uppercaseLetters.contains($0) }
      if letters.count >= minCapitalCreditLetters && Double(upper.count) >= capitalCreditShare * Double(letters.count) {
        return true
      }
    }
    return false
  }

  /// A slug is at least this long ("a-b-c" is not one).
  static let minSlugBytes = 12

  static let imageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"]

  /// "Walt-Steve-foreign-policy-columnist20": one long token of hyphenated words, a file slug.
  static func isSlug(_ line: String) -> Bool {
    var separators = 0
    var count = 0
    for b in line.utf8 {
      if b == 0x20 { return false }
      if b == 0x2D || b == 0x5F { separators += 1 }
      count += 1
    }
    if separators >= 2 && count >= minSlugBytes { return true }
    let lower = line.lowercased()
    return imageExtensions.contains(where: { lower.hasSuffix($0) })
  }


  /// "By Jane Doe", "By , a columnist at …", "by Jane Doe on May 2, 2012", "Posted by Jane Doe
  /// at 9:12 PM"; not "By contrast, …".
  static func isByline(_ line: String) -> Bool {
    // Cheap rejection first: most lines start with none of B, b, W, P.
    guard let first = line.utf8.first, first | 0x20 == UInt8(ascii: "b") || first == UInt8(ascii: "W")
      || first == UInt8(ascii: "P")
    else { return false }
    let words = line.split(separator: " ")
    guard words.count <= maxBylineWords else { return false }
    let lead = words.first == "Written" || words.first == "Posted" ? 1 : 0
    guard words.count >= lead + 2, ["By", "BY", "by"].contains(words[lead]) else { return false }
    let second = words[lead + 1]
    guard let c = second.first, c.isUppercase || c == "," else { return false }
    if words.count <= 8 { return true }
    let lower = line.lowercased()
    return roleWords.contains { lower.contains($0) }
  }

  /// A link-heavy block that is still the article's own sentence (a news digest links most of
  /// its words): long enough, ending like a sentence, and not a call to go elsewhere ("Read the
  /// full report…", "Get access…"), which is a promotion.
  static func isLinkedSentence(_ line: String, words: Int32) -> Bool {
    guard words >= BoilerplateRules.minLinkedSentenceWords, endsLikeSentence(line) else { return false }
    let first = line.prefix { $0 != " " }.lowercased()
    return !BoilerplateRules.callsToAction.contains(first)
  }

  /// "X is a columnist at … Twitter: @x".
  static func isBio(_ line: String) -> Bool {
    guard approximateWordCount(line) <= maxBioWords else { return false }
    // Bios start "Name is a …" or mention Twitter; check bytes before any string work.
    guard byteOffset(of: " is ", in: line, within: maxBioNameBytes) != nil
      || containsBytes(line, "witter") || containsBytes(line, "ollow")
    else { return false }
    // Byte searches throughout: Foundation's contains/range(of:) were most of ingest's time
    // on pages with many short paragraphs.
    let lower = line.lowercased()
    if containsBytes(lower, "twitter: @") || containsBytes(lower, "twitter:\u{00A0}@")
      || followPhrases.contains(where: { containsBytes(lower, $0) })
        && socialNetworks.contains(where: { containsBytes(lower, $0) })
    {
      return true
    }
    // A name of at most five capitalised words before " is ".
    guard let at = byteOffset(of: " is ", in: line, within: maxBioNameBytes) else { return false }
    let bytes = Array(line.utf8)
    let nameWords = String(decoding: bytes[..<at], as: UTF8.self).split(separator: " ")
    guard (1...5).contains(nameWords.count),
      nameWords.allSatisfy({ $0.first?.isUppercase ?? false })
    else { return false }
    let after = String(decoding: bytes[(at + 4)...], as: UTF8.self).lowercased()
    guard after.hasPrefix("a ") || after.hasPrefix("an ") || after.hasPrefix("the ")
      || roleWords.contains(where: { after.hasPrefix($0) })
    else { return false }
    return roleWords.contains { containsBytes(after, $0) }
  }

  /// "More from Foreign Policy", "Related", "Read more".
  static func isMoreFromMarker(_ line: String) -> Bool {
    guard wordCount(line) <= maxMarkerWords else { return false }
    let lower = line.lowercased().trimmingCharacters(in: labelTrimSet)
    return moreFromMarkers.contains { lower == $0 || lower.hasPrefix($0 + " ") || lower.hasPrefix($0 + ":") }
  }

  /// A teaser: ends in an ellipsis and is a prefix of a longer paragraph.
  static func teaserStem(_ line: String) -> String? {
    // Fast exit: the line must end in "..." or "…" (E2 80 A6), possibly before spaces.
    guard let lastByte = line.utf8.last, lastByte == 0x2E || lastByte == 0xA6 || lastByte == 0x20 else { return nil }
    let tail = Array(line.utf8.suffix(8))
    var end = tail.count
    while end > 0 && tail[end - 1] == 0x20 { end -= 1 }
    guard end >= 3,
      tail[end - 3..<end].elementsEqual([0x2E, 0x2E, 0x2E]) || tail[end - 3..<end].elementsEqual([0xE2, 0x80, 0xA6])
    else { return nil }
    var t = line.trimmingCharacters(in: .whitespaces)
    if t.hasSuffix("...") {
      t.removeLast(3)
    } else if t.hasSuffix("\u{2026}") {
      t.removeLast()
    } else {
      return nil
    }
    t = t.trimmingCharacters(in: .whitespaces)
    return t.count >= minTeaserCharacters ? t : nil
  }

  /// A teaser stem must be this long to be matched, so "Yes..." matches nothing.
  static let minTeaserCharacters = 40

  /// Ends like a sentence (or a quoted one).
  static func endsLikeSentence(_ s: String) -> Bool {
    var t = Substring(s)
    while let last = t.last, PassageSplitter.closers.contains(last) || last == " " { t.removeLast() }
    guard let last = t.last else { return false }
    return ".!?:;".contains(last) || last == "\u{2026}"
  }
}
