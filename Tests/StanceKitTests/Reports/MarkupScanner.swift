/// A strict little tokenizer for the markup our reports emit, used to check what a page contains.
///
/// It is deliberately not a forgiving HTML parser: it records every start and end tag with its
/// attributes (entity-decoded), the decoded text, comments and CDATA sections, and whether tags
/// balance. `<style>` content is skipped as raw text, like a browser does.
struct MarkupScanner {
  struct Tag {
    var name: String
    var closing: Bool
    var selfClosing: Bool
    var attributes: [(name: String, value: String)]

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
  }

  private(set) var tags: [Tag] = []
  private(set) var text = ""
  private(set) var comments = 0
  private(set) var cdata = 0
  private(set) var problems: [String] = []

  /// HTML elements that never have an end tag.
  static let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "area", "base", "col", "wbr"]

  init(_ markup: String) {
    let s = Array(markup.unicodeScalars)
    var i = 0
    var stack: [String] = []
    func startsWith(_ prefix: String, at j: Int) -> Bool {
      let p = Array(prefix.unicodeScalars)
      return j + p.count <= s.count && Array(s[j..<j + p.count]).map { Character($0).lowercased() } == p.map { Character($0).lowercased() }
    }
    var pendingText = ""
    while i < s.count {
      if s[i] != "<" {
        pendingText.unicodeScalars.append(s[i])
        i += 1
        continue
      }
      if startsWith("<!--", at: i) {
        comments += 1
        i += 4
        while i < s.count && !startsWith("-->", at: i) { i += 1 }
        i += 3
        continue
      }
      if startsWith("<![CDATA[", at: i) {
        cdata += 1
        while i < s.count && !startsWith("]]>", at: i) { i += 1 }
        i += 3
        continue
      }
      if startsWith("<!", at: i) || startsWith("<?", at: i) {
        while i < s.count && s[i] != ">" { i += 1 }
        i += 1
        continue
      }
      let closing = i + 1 < s.count && s[i + 1] == "/"
      var j = i + (closing ? 2 : 1)
      guard j < s.count, s[j].properties.isAlphabetic else {
        problems.append("raw < in text at \(i)")
        pendingText.unicodeScalars.append(s[i])
        i += 1
        continue
      }
      text += Self.decode(pendingText)
      pendingText = ""
      var name = ""
      while j < s.count, !" \t\n\r/>".unicodeScalars.contains(s[j]) {
        name.unicodeScalars.append(s[j])
        j += 1
      }
      name = name.lowercased()
      var attributes: [(String, String)] = []
      var selfClosing = false
      while j < s.count && s[j] != ">" {
        if " \t\n\r".unicodeScalars.contains(s[j]) { j += 1; continue }
        if s[j] == "/" { selfClosing = true; j += 1; continue }
        var attributeName = ""
        while j < s.count, !" \t\n\r=/>".unicodeScalars.contains(s[j]) {
          attributeName.unicodeScalars.append(s[j])
          j += 1
        }
        var value = ""
        if j < s.count && s[j] == "=" {
          j += 1
          if j < s.count && (s[j] == "\"" || s[j] == "'") {
            let quote = s[j]
            j += 1
            while j < s.count && s[j] != quote {
              value.unicodeScalars.append(s[j])
              j += 1
            }
            j += 1
          } else {
            while j < s.count, !" \t\n\r>".unicodeScalars.contains(s[j]) {
              value.unicodeScalars.append(s[j])
              j += 1
            }
          }
        }
        if value.unicodeScalars.contains("<") { problems.append("raw < in attribute \(attributeName)") }
        attributes.append((attributeName.lowercased(), Self.decode(value)))
      }
      i = j + 1
      tags.append(Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: attributes))
      if closing {
        if stack.last == name { stack.removeLast() } else { problems.append("</\(name)> closes \(stack.last ?? "nothing")") }
      } else if !selfClosing && !Self.void.contains(name) {
        stack.append(name)
        if name == "style" || name == "script" {
          // Raw text: everything up to the matching end tag.
          while i < s.count && !startsWith("</\(name)", at: i) { i += 1 }
        }
      }
    }
    text += Self.decode(pendingText)
    if !stack.isEmpty { problems.append("unclosed: \(stack)") }
  }

  /// Elements (start tags) named `name`.
  func elements(_ name: String) -> [Tag] { tags.filter { $0.name == name && !$0.closing } }

  /// Every attribute name used anywhere.
  var attributeNames: Set<String> { Set(tags.flatMap { $0.attributes.map(\.name) }) }

  /// Decodes the five entities the escaper writes (and numeric ones).
  static func decode(_ string: String) -> String {
    guard string.contains("&") else { return string }
    var result = ""
    var rest = Substring(string)
    while let amp = rest.firstIndex(of: "&") {
      result += rest[..<amp]
      rest = rest[amp...]
      guard let semicolon = rest.firstIndex(of: ";") else { break }
      let entity = String(rest[rest.index(after: rest.startIndex)..<semicolon])
      let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
      if let value = named[entity] {
        result += value
      } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
        result.unicodeScalars.append(scalar)
      } else {
        result += "&" + entity + ";"
      }
      rest = rest[rest.index(after: semicolon)...]
    }
    return result + rest
  }
}
