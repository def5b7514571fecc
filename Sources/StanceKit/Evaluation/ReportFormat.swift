import Foundation

/// The output formats of an evaluation report.
public enum ReportFormat: String, CaseIterable, Codable, Sendable {
  /// Aligned tables for people.
  case text
  /// Pretty JSON with sorted keys; identical across runs except under "timing".
  case json
  /// JUnit XML for CI dashboards: one test case per gate, fold and label; unmet gates fail.
  case junit
  /// A self-contained HTML page with charts (`EvaluationHTMLReport`).
  case html
}

extension EvaluationReport {
  /// The report rendered in `format`, ending with a newline.
  public func rendered(as format: ReportFormat) throws -> String {
    switch format {
    case .text: return textReport()
    case .json: return try jsonReport()
    case .junit: return junitReport()
    case .html: return EvaluationHTMLReport(report: self).html()
    }
  }

  /// Pretty JSON with sorted keys and unescaped slashes.
  public func jsonReport() throws -> String {
    try JSONText.encode(self, pretty: true) + "\n"
  }
}

/// Number formatting shared by the text and XML reports.
enum Figures {
  /// Undefined values print as an em dash.
  static let undefined = "—"

  /// `x` with `digits` decimals, or "—" when nil.
  static func fixed(_ x: Double?, _ digits: Int = 4) -> String {
    guard let x else { return undefined }
    return String(format: "%.\(digits)f", x)
  }
}
