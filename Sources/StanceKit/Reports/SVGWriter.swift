/// Builds one SVG element tree as text: escaped attributes and content, fixed-precision numbers.
///
/// Element and attribute names come from our own code, never from input (checked), and every
/// value passes through `HTMLEscaping`, so labels and titles from data cannot add markup. The
/// output is both well-formed XML and valid inline SVG in HTML.
public struct SVGWriter: Sendable {
  /// An attribute name and its unescaped value.
  public typealias Attribute = (name: String, value: String)

  /// The canvas width in user units (pixels at 100 % zoom).
  public let width: Double
  /// The canvas height in user units.
  public let height: Double
  private let id: String
  private let title: String
  private let summary: String?
  private var body = ""
  private var open: [String] = []

  /// A canvas of `width` × `height` whose root has `id`, an accessible `title` and description.
  public init(id: String, width: Double, height: Double, title: String, description: String? = nil) {
    self.id = id
    self.width = width
    self.height = height
    self.title = title
    summary = description
  }

  /// `x` with at most two decimals and no trailing zeros: stable text for the same geometry.
  public static func number(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let hundredths = (x * 100).rounded()
    if hundredths == 0 { return "0" }
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = Int(abs(hundredths))
    let whole = magnitude / 100
    let fraction = magnitude % 100
    if fraction == 0 { return "\(sign)\(whole)" }
    if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
    return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  /// Appends an empty element, or one with escaped text content.
  public mutating func element(_ name: String, _ attributes: [Attribute], text: String? = nil) {
    body += String(repeating: "  ", count: open.count + 1) + "<" + Self.checked(name)
    body += Self.attributes(attributes)
    if let text {
      body += ">" + HTMLEscaping.text(text) + "</" + name + ">\n"
    } else {
      body += "/>\n"
    }
  }

  /// Opens a container element (`g`, `text` with `tspan`s…) closed by `close()`.
  public mutating func begin(_ name: String, _ attributes: [Attribute] = []) {
    body += String(repeating: "  ", count: open.count + 1) + "<" + Self.checked(name)
    body += Self.attributes(attributes) + ">\n"
    open.append(name)
  }

  /// Closes the innermost element opened with `begin`.
  public mutating func close() {
    guard let name = open.popLast() else { preconditionFailure("close() without begin()") }
    body += String(repeating: "  ", count: open.count + 1) + "</" + name + ">\n"
  }

  /// The finished document; every element opened with `begin` must have been closed.
  public func rendered() -> String {
    precondition(open.isEmpty, "unclosed SVG elements: \(open)")
    let n = Self.number
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(HTMLEscaping.attribute(id))\""
    svg += " viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\""
    svg += " role=\"img\" aria-labelledby=\"\(HTMLEscaping.attribute(id))-title\">\n"
    svg += "  <title id=\"\(HTMLEscaping.attribute(id))-title\">\(HTMLEscaping.text(title))</title>\n"
    if let summary { svg += "  <desc>\(HTMLEscaping.text(summary))</desc>\n" }
    return svg + body + "</svg>\n"
  }

  private static func attributes(_ attributes: [Attribute]) -> String {
    attributes.map { " \(checked($0.name))=\"\(HTMLEscaping.attribute($0.value))\"" }.joined()
  }

  /// Names are code constants; a name from data would be a bug, so it traps rather than escapes.
  private static func checked(_ name: String) -> String {
    precondition(
      name.unicodeScalars.first.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) } == true
        && name.unicodeScalars.allSatisfy {
          ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == ":"
        },
      "invalid SVG name \(name)")
    return name
  }
}
