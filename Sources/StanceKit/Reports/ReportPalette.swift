/// Colours of the reports: the Okabe–Ito palette, distinguishable under the common colour-vision
/// deficiencies (Okabe and Ito 2008, "Color Universal Design"), plus light tints for backgrounds.
///
/// Colour is never the only cue: every tinted passage also prints its label in words.
public enum ReportPalette {
  /// A label's strong colour (borders, chart marks) and its light tint (passage backgrounds).
  public struct Swatch: Hashable, Sendable {
    /// The saturated colour, as `#rrggbb`.
    public var strong: String
    /// A light tint of it that keeps black text readable (contrast above 12:1).
    public var tint: String
  }

  /// Vermillion for restraint, blue for engagement: the pair that stays apart for all three
  /// dichromacies; grey for background passages and for a verdict with no argument, reddish purple
  /// for an unclear verdict.
  static let fixed: [String: Swatch] = [
    "restraint": Swatch(strong: "#D55E00", tint: "#FBE1CE"),
    "engagement": Swatch(strong: "#0072B2", tint: "#D2E6F4"),
    "neutral": Swatch(strong: "#6B6B6B", tint: "#EDEDED"),
    "unclear": Swatch(strong: "#CC79A7", tint: "#F6E1EC"),
    "no-argument": Swatch(strong: "#6B6B6B", tint: "#EDEDED"),
  ]

  /// The rest of Okabe–Ito, for models with other labels (say, sentiment), in a fixed order.
  static let others: [Swatch] = [
    Swatch(strong: "#E69F00", tint: "#FBEACC"),
    Swatch(strong: "#009E73", tint: "#CCEDE3"),
    Swatch(strong: "#56B4E9", tint: "#DDF0FB"),
    Swatch(strong: "#8A6D00", tint: "#FBF7CF"),
    Swatch(strong: "#000000", tint: "#E4E4E4"),
  ]

  /// The swatch of `label`; labels without a fixed colour take the others by their rank in `labels`.
  public static func swatch(for label: String, among labels: [String]) -> Swatch {
    if let swatch = fixed[label] { return swatch }
    let unfixed = labels.filter { fixed[$0] == nil }.sorted()
    let rank = unfixed.firstIndex(of: label) ?? unfixed.count
    return others[rank % others.count]
  }

  /// A sequential white-to-blue scale for heat maps: `t` in 0...1 to `#rrggbb`.
  ///
  /// One hue varying in lightness reads the same to every viewer and in greyscale print.
  public static func sequential(_ t: Double) -> String {
    let t = min(max(t.isFinite ? t : 0, 0), 1)
    let light = (r: 247.0, g: 251.0, b: 255.0)
    let dark = (r: 8.0, g: 48.0, b: 107.0)
    func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
    return hex(mix(light.r, dark.r), mix(light.g, dark.g), mix(light.b, dark.b))
  }

  /// Whether text on `sequential(t)` should be white rather than black.
  public static func needsLightText(_ t: Double) -> Bool { t > 0.5 }

  private static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
    let digits = Array("0123456789ABCDEF")
    return "#" + [r, g, b].map { String([digits[$0 / 16], digits[$0 % 16]]) }.joined()
  }
}
