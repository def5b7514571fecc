@preconcurrency import CLibXML2

/// A flat, pointer-free view of a parsed page: its elements, its text blocks and the raw
/// metadata, built in one iterative walk (no recursion, so depth cannot overflow the stack).
struct DocumentTree {
  /// One element that was not skipped.
  struct Element {
    /// Index of the parent element, -1 at the top.
    var parent: Int32
    var tag: Tag
    /// Class/id/role hint: -2 strong negative (comments), -1 negative, 0 none, 1 positive,
    /// 2 strong positive (`itemprop="articleBody"`).
    var hint: Int8
  }

  /// A run of whitespace-normalised text between block boundaries.
  struct Block {
    /// The innermost block element holding the text.
    var element: Int32
    /// Byte range in `text`.
    var start: Int32
    var end: Int32
    var words: Int32
    /// Words that are inside a link.
    var linkWords: Int32
    /// Words inside <b> or <strong>; a wholly bold short line is a heading in plain markup.
    var boldWords: Int32
    /// Elements that start before this block ends: places the block among its owner's child
    /// elements, in document order.
    var elementsBefore: Int32
  }

  var elements: [Element] = []
  var blocks: [Block] = []
  /// All block text, UTF-8, back to back.
  var text: [UInt8] = []
  var meta = RawMetadata()
  /// Class and id of each element, kept only while tracing (`ExtractionTrace.enabled`).
  var traceLabels: [String] = []

  /// The text of block `i`.
  func string(_ block: Block) -> String {
    String(decoding: text[Int(block.start)..<Int(block.end)], as: UTF8.self)
  }
}

/// Metadata as found in the page, before interpretation.
struct RawMetadata {
  /// `<meta>` pairs: key is the lower-cased name, property or itemprop.
  var metas: [(key: String, value: String)] = []
  var canonical: String?
  var htmlLang: String?
  var titleText: String?
  var jsonLD: [String] = []
}

extension DocumentTree {
  /// Walks `document` once and builds the flat tree.
  static func build(from document: HTMLDocument) -> DocumentTree {
    var builder = TreeBuilder()
    document.withDocumentNode { builder.walk($0) }
    return builder.tree
  }
}

/// The mutable state of one walk.
private struct TreeBuilder {
  var tree = DocumentTree()
  var openElements: [Int32] = []
  var owners: [Int32] = []
  var linkDepth = 0
  var blockStart = 0
  var words: Int32 = 0
  var linkWords: Int32 = 0
  var boldWords: Int32 = 0
  var boldDepth = 0
  var pendingSpace = false
  var breakRun = 0
  var scratch: [UInt8] = []

  init() {
    tree.text.reserveCapacity(1 << 16)
    tree.elements.reserveCapacity(1024)
    openElements.reserveCapacity(64)
  }

  mutating func walk(_ docNode: xmlNodePtr) {
    var node = docNode.pointee.children
    outer: while let n = node {
      var descend = false
      switch n.pointee.type {
      case XML_ELEMENT_NODE:
        if enter(n) {
          if n.pointee.children != nil { descend = true } else { leave() }
        }
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = n.pointee.content { appendText(content) }
      default:
        break
      }
      if descend {
        node = n.pointee.children
        continue
      }
      var current = n
      while true {
        if let next = current.pointee.next {
          node = next
          continue outer
        }
        guard let parent = current.pointee.parent, parent != docNode else { break outer }
        leave()
        current = parent
      }
    }
    while !openElements.isEmpty { leave() }
    flush()
  }

  // MARK: Elements

  /// Records an element and returns true when its children should be visited.
  mutating func enter(_ n: xmlNodePtr) -> Bool {
    guard let name = n.pointee.name else { return false }
    let tag = Tag.lookup(name)
    if tag == .br {
      breakRun += 1
      // One <br> is a line break inside a paragraph; two in a row separate paragraphs.
      if breakRun >= 2 { flush() } else { pendingSpace = true }
      return false
    }
    if tag.isSkipped {
      collectMetadata(n, tag: tag)
      return false
    }
    var counts = HintMatcher.Counts()
    var strongPositive = false
    var label = ""
    var attr = n.pointee.properties
    while let a = attr {
      defer { attr = a.pointee.next }
      guard let attrName = a.pointee.name, let value = a.pointee.children?.pointee.content else {
        if let attrName = a.pointee.name, equals(attrName, "hidden") { return false }
        continue
      }
      if equals(attrName, "class") || equals(attrName, "id") {
        if ExtractionTrace.enabled { label += (equals(attrName, "id") ? "#" : ".") + String(cString: value) }
        HintMatcher.shared.scan(value, into: &counts, scratch: &scratch)
      } else if equals(attrName, "role") {
        let role = String(cString: value).lowercased()
        if BoilerplateRules.negativeRoles.contains(role) { counts.negative += 1 }
        if role == "main" || role == "article" { counts.positive += 1 }
      } else if equals(attrName, "itemprop") {
        let prop = String(cString: value)
        if prop == "articleBody" || prop == "articlebody" { strongPositive = true }
      } else if equals(attrName, "style") {
        if isHiddenStyle(value) { return false }
      } else if equals(attrName, "hidden") {
        return false
      } else if equals(attrName, "aria-hidden") {
        if equals(value, "true") && tag != .a { return false }
      } else if tag == .html && equals(attrName, "lang") {
        tree.meta.htmlLang = String(cString: value)
      }
    }
    let score = counts.positive - BoilerplateRules.negativeHintWeight * counts.negative
    let hint: Int8 =
      strongPositive ? 2 : counts.strong ? -2 : score < 0 ? -1 : score > 0 ? 1 : 0
    // The text before a block element closes first, so its block precedes the element.
    if tag.isBlock { flush() }
    let index = Int32(tree.elements.count)
    tree.elements.append(
      DocumentTree.Element(parent: openElements.last ?? -1, tag: tag, hint: hint))
    if ExtractionTrace.enabled { tree.traceLabels.append(label) }
    if tag.isBlock { owners.append(index) }
    if tag == .a { linkDepth += 1 }
    if tag == .b || tag == .strong { boldDepth += 1 }
    openElements.append(index)
    return true
  }

  mutating func leave() {
    guard let index = openElements.popLast() else { return }
    let tag = tree.elements[Int(index)].tag
    if tag.isBlock {
      flush()
      owners.removeLast()
    }
    if tag == .a { linkDepth -= 1 }
    if tag == .b || tag == .strong { boldDepth -= 1 }
  }

  // MARK: Text

  @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C
  }

  mutating func appendText(_ content: UnsafePointer<UInt8>) {
    guard let owner = owners.last, owner >= 0 else { return }
    _ = owner
    var i = 0
    while true {
      let b = content[i]
      if b == 0 { break }
      if Self.isSpace(b) {
        pendingSpace = true
        i += 1
        continue
      }
      // U+00A0 no-break space counts as whitespace.
      if b == 0xC2 && content[i + 1] == 0xA0 {
        pendingSpace = true
        i += 2
        continue
      }
      breakRun = 0
      let empty = tree.text.count == blockStart
      // Chinese and Japanese are written without spaces: each character (U+3000–U+9FFF,
      // UTF-8 lead bytes E3–E9) counts as a word so their paragraphs weigh like others.
      let ideograph = b >= 0xE3 && b <= 0xE9
      if empty || pendingSpace || ideograph {
        if !empty && pendingSpace { tree.text.append(0x20) }
        words += 1
        if linkDepth > 0 { linkWords += 1 }
        if boldDepth > 0 { boldWords += 1 }
      }
      pendingSpace = false
      tree.text.append(b)
      i += 1
    }
  }

  /// Closes the current block of text, if it has any.
  mutating func flush() {
    if words > 0, let owner = owners.last {
      tree.blocks.append(
        DocumentTree.Block(
          element: owner, start: Int32(blockStart), end: Int32(tree.text.count), words: words,
          linkWords: linkWords, boldWords: boldWords, elementsBefore: Int32(tree.elements.count)))
    } else {
      tree.text.removeSubrange(blockStart...)
    }
    blockStart = tree.text.count
    words = 0
    linkWords = 0
    boldWords = 0
    pendingSpace = false
    breakRun = 0
  }

  // MARK: Metadata

  mutating func collectMetadata(_ n: xmlNodePtr, tag: Tag) {
    switch tag {
    case .meta:
      var key: String?
      var content: String?
      var attr = n.pointee.properties
      while let a = attr {
        attr = a.pointee.next
        guard let name = a.pointee.name, let value = a.pointee.children?.pointee.content else {
          continue
        }
        if equals(name, "name") || equals(name, "property") || equals(name, "itemprop") {
          if key == nil { key = String(cString: value).lowercased() }
        } else if equals(name, "content") {
          content = String(cString: value)
        }
      }
      if let key, let content { tree.meta.metas.append((key, content)) }
    case .link:
      var isCanonical = false
      var href: String?
      var attr = n.pointee.properties
      while let a = attr {
        attr = a.pointee.next
        guard let name = a.pointee.name, let value = a.pointee.children?.pointee.content else {
          continue
        }
        if equals(name, "rel") { isCanonical = String(cString: value).lowercased() == "canonical" }
        if equals(name, "href") { href = String(cString: value) }
      }
      if isCanonical, tree.meta.canonical == nil { tree.meta.canonical = href }
    case .title:
      if tree.meta.titleText == nil, let text = childText(n) { tree.meta.titleText = text }
    case .script:
      var attr = n.pointee.properties
      while let a = attr {
        attr = a.pointee.next
        guard let name = a.pointee.name, equals(name, "type"),
          let value = a.pointee.children?.pointee.content
        else { continue }
        // A byte search: Foundation's `contains` took 0.5 % of classifying a crawl here.
        if LineRules.containsBytes(String(cString: value).lowercased(), "ld+json"), let text = childText(n) {
          tree.meta.jsonLD.append(text)
        }
      }
    default:
      break
    }
  }

  /// Concatenated text of the direct children (script and title hold one text node).
  func childText(_ n: xmlNodePtr) -> String? {
    var out: [UInt8] = []
    var child = n.pointee.children
    while let c = child {
      if let content = c.pointee.content {
        var i = 0
        while content[i] != 0 {
          out.append(content[i])
          i += 1
        }
      }
      child = c.pointee.next
    }
    return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
  }

  func isHiddenStyle(_ value: UnsafePointer<UInt8>) -> Bool {
    // Most style attributes hide nothing: look for "none" or "hidden" before copying.
    var i = 0
    var candidate = false
    while value[i] != 0 && i < 1024 {
      let b = value[i] | 0x20
      if (b == 0x6E && (value[i + 1] | 0x20) == 0x6F) || (b == 0x68 && (value[i + 1] | 0x20) == 0x69) {
        candidate = true
        break
      }
      i += 1
    }
    guard candidate else { return false }
    var bytes: [UInt8] = []
    i = 0
    while value[i] != 0 && i < 1024 {
      let b = value[i]
      if !Self.isSpace(b) { bytes.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b) }
      i += 1
    }
    return Decoding.firstIndex(of: Self.displayNone, in: bytes, from: 0) != nil
      || Decoding.firstIndex(of: Self.visibilityHidden, in: bytes, from: 0) != nil
  }

  static let displayNone = Array("display:none".utf8)
  static let visibilityHidden = Array("visibility:hidden".utf8)
}

/// Compares a NUL-terminated libxml2 string with an ASCII literal, case-insensitively.
@inline(__always)
func equals(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
  let count = literal.utf8CodeUnitCount
  let l = literal.utf8Start
  for i in 0..<count {
    let b = p[i]
    if b == 0 { return false }
    if ((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b) != l[i] { return false }
  }
  return p[count] == 0
}
