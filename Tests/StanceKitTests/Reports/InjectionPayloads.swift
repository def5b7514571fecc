@testable import StanceKit

/// Inputs that would add elements, attributes, comments or end a raw-text block if not escaped.
enum InjectionPayloads {
  static let all = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='x",
    "</style>",
    "]]>",
    "<!--",
  ]

  /// Every payload in one string, as a title or passage might carry them.
  static let combined = all.joined(separator: " ")

  /// Checks shared by every report: nothing from the input became markup.
  static func problems(in page: String) -> [String] {
    var problems: [String] = []
    let scanner = MarkupScanner(page)
    problems += scanner.problems
    for forbidden in ["script", "img", "iframe", "object", "embed"] where !scanner.elements(forbidden).isEmpty {
      problems.append("element <\(forbidden)> present")
    }
    if scanner.elements("style").count > 1 { problems.append("more than one <style>") }
    if scanner.comments > 0 { problems.append("\(scanner.comments) comments") }
    if scanner.cdata > 0 { problems.append("\(scanner.cdata) CDATA sections") }
    for name in scanner.attributeNames where name.hasPrefix("on") { problems.append("event attribute \(name)") }
    for raw in ["<script", "<img", "<!--", "]]>"] where page.contains(raw) { problems.append("raw \(raw)") }
    if page.components(separatedBy: "</style>").count - 1 != 1 { problems.append("</style> count is not 1") }
    return problems
  }
}
