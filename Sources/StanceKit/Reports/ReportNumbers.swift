import Foundation

/// Number formatting shared by the HTML reports and charts (POSIX formatting, no locale).
enum ReportNumbers {
  /// What an undefined figure prints as.
  static let undefined = "—"

  /// `x` as a whole-number percentage, e.g. "87 %"; "—" when nil or not finite.
  static func percent(_ x: Double?) -> String {
    guard let x, x.isFinite else { return undefined }
    return String(format: "%.0f %%", x * 100)
  }

  /// `x` with `digits` decimals; "—" when nil or not finite.
  static func fixed(_ x: Double?, _ digits: Int = 3) -> String {
    guard let x, x.isFinite else { return undefined }
    return String(format: "%.\(digits)f", x)
  }

  /// `x` in the shortest form that reads back the same, e.g. "0.1" or "1".
  static func short(_ x: Double) -> String {
    guard x.isFinite else { return undefined }
    return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
  }

  /// `x` with an explicit sign and `digits` decimals, e.g. "+1.25".
  static func signed(_ x: Double, _ digits: Int = 2) -> String {
    guard x.isFinite else { return undefined }
    return String(format: "%+.\(digits)f", x)
  }
}
