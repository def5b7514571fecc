/// HTML element names the extractor cares about; everything else is `.other`.
enum Tag: UInt8, CaseIterable {
  case other
  case html, body, head, title, meta, link, script, style, noscript, template, svg, math, iframe
  case object, embed, canvas, select, option, button, input, textarea, audio, video, map, picture
  case source, a, p, div, h1, h2, h3, h4, h5, h6, li, ul, ol, dl, dt, dd, blockquote, pre, table
  case tbody, thead, tfoot, tr, td, th, caption, section, article, main, header, footer, nav
  case aside, figure, figcaption, form, fieldset, legend, address, center, details, summary
  case dialog, menu, hr, br, hgroup, img, time, b, strong

  /// The tag's roles in extraction (skipped, block, furniture, heading).
  @inline(__always) var roles: BoilerplateRules.TagRoles { BoilerplateRules.roles[Int(rawValue)] }

  // Plain bit tests: the tree walk asks these for every node, and OptionSet's generic
  // `contains` is slow in debug builds.
  @inline(__always) var isSkipped: Bool { BoilerplateRules.roleBits[Int(rawValue)] & 1 != 0 }
  @inline(__always) var isBlock: Bool { BoilerplateRules.roleBits[Int(rawValue)] & 2 != 0 }
  @inline(__always) var isFurniture: Bool { BoilerplateRules.roleBits[Int(rawValue)] & 4 != 0 }
  @inline(__always) var isHeading: Bool { BoilerplateRules.roleBits[Int(rawValue)] & 8 != 0 }

  /// Name bytes (up to 8) packed little-endian into one integer, the lookup key.
  private static func key(_ bytes: UnsafePointer<UInt8>, length: Int) -> UInt64 {
    var v: UInt64 = 0
    for i in 0..<length { v |= UInt64(bytes[i]) << (8 * UInt64(i)) }
    return v
  }

  private static let byKey: [UInt64: Tag] = {
    var t: [UInt64: Tag] = [:]
    for tag in Tag.allCases where tag != .other {
      let name = Array(String(describing: tag).utf8)
      guard name.count <= 8 else { continue }
      t[name.withUnsafeBufferPointer { key($0.baseAddress!, length: name.count) }] = tag
    }
    return t
  }()

  private static let blockquoteName = Array("blockquote".utf8)
  private static let figcaptionName = Array("figcaption".utf8)

  /// Looks up a NUL-terminated, lower-case element name as libxml2's HTML parser stores it.
  static func lookup(_ name: UnsafePointer<UInt8>) -> Tag {
    var length = 0
    while name[length] != 0 {
      length += 1
      if length > 10 { return .other }
    }
    if length <= 8 { return byKey[key(name, length: length)] ?? .other }
    if length == 10 {
      if (0..<10).allSatisfy({ name[$0] == blockquoteName[$0] }) { return .blockquote }
      if (0..<10).allSatisfy({ name[$0] == figcaptionName[$0] }) { return .figcaption }
    }
    return .other
  }
}
