/// Escapes text for HTML and SVG so that no input can open an element, an attribute or a comment.
///
/// Both contexts escape the same five characters: `<` and `>` stop tags, comments and CDATA ends
/// (`]]>`) from forming, `&` stops entity smuggling, and both quote characters are escaped so the
/// attribute form is safe in single- and double-quoted attributes alike. NUL and the other C0
/// controls except tab, newline and carriage return are not allowed in HTML or XML and become
/// U+FFFD, so a report is always a well-formed document.
public enum HTMLEscaping {
  /// `string` escaped for element content.
  public static func text(_ string: some StringProtocol) -> String {
    escape(string, quotes: false)
  }

  /// `string` escaped for a quoted attribute value (either quote style).
  public static func attribute(_ string: some StringProtocol) -> String {
    escape(string, quotes: true)
  }

  private static func escape(_ string: some StringProtocol, quotes: Bool) -> String {
    var result = ""
    result.reserveCapacity(string.utf8.count)
    for scalar in string.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"" where quotes: result += "&quot;"
      case "'" where quotes: result += "&#39;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      // C0 controls, DEL and the non-characters XML forbids cannot appear in either document.
      case "\u{0}"..."\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}": result += "\u{FFFD}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
