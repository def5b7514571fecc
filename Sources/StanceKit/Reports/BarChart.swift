/// A horizontal bar chart of fractions (per-topic or per-fold accuracy), one labelled bar per row.
///
/// Horizontal bars keep long category names readable; every bar prints its value and an
/// optional note (such as the passage count), and an optional reference line marks the overall
/// figure so weak categories stand out.
public struct BarChart: Sendable {
  /// One bar.
  public struct Bar: Sendable {
    /// The category name.
    public var label: String
    /// The value in 0...1; nil draws no bar and prints "—".
    public var value: Double?
    /// Printed after the value, e.g. "n = 120".
    public var note: String?

    /// A bar for `label`.
    public init(label: String, value: Double?, note: String? = nil) {
      self.label = label
      self.value = value
      self.note = note
    }
  }

  /// The root element's id.
  public var id: String
  /// The chart title.
  public var title: String
  /// The bars, top to bottom.
  public var bars: [Bar]
  /// The horizontal axis title.
  public var axis: String
  /// A vertical line at this value (e.g. overall accuracy), with its name.
  public var reference: (value: Double, name: String)?
  /// The bar colour.
  public var colour: String
  /// Width of the plot area (the 0…100 % axis), in pixels.
  public var plotWidth: Double

  /// Height of one row.
  static let row = 22.0

  /// A chart of `bars` on a 0…1 axis.
  public init(
    id: String, title: String, bars: [Bar], axis: String, reference: (value: Double, name: String)? = nil,
    colour: String = "#0072B2", plotWidth: Double = 520
  ) {
    self.id = id
    self.title = title
    self.bars = bars
    self.axis = axis
    self.reference = reference
    self.colour = colour
    self.plotWidth = plotWidth
  }

  /// The chart as an `<svg>` element.
  public func svg() -> String {
    let n = SVGWriter.number
    let longest = bars.map(\.label.count).max() ?? 4
    let left = 16 + min(Double(longest) * 7.2, 220)
    let plot = plotWidth
    let top = 44.0
    let height = top + Self.row * Double(bars.count) + 48
    let width = left + plot + 170
    func x(_ v: Double) -> Double { left + plot * min(max(v, 0), 1) }
    var svg = SVGWriter(id: id, width: width, height: height, title: title, description: "\(axis) per category, one bar each.")
    svg.element("text", [("x", n(8)), ("y", n(20)), ("class", "chart-title")], text: title)
    let bottom = top + Self.row * Double(bars.count)
    for step in 0...5 {
      let v = Double(step) / 5
      svg.element("line", [("x1", n(x(v))), ("y1", n(top - 4)), ("x2", n(x(v))), ("y2", n(bottom)), ("class", "gridline")])
      svg.element("text", [("x", n(x(v))), ("y", n(bottom + 16)), ("class", "tick"), ("text-anchor", "middle")], text: ReportNumbers.percent(v))
    }
    svg.element("text", [("x", n(left + plot / 2)), ("y", n(bottom + 36)), ("class", "axis-title"), ("text-anchor", "middle")], text: axis)
    for (i, bar) in bars.enumerated() {
      let y = top + Self.row * Double(i)
      svg.begin("g", [("class", "bar")])
      svg.element("text", [("x", n(left - 8)), ("y", n(y + Self.row / 2 + 4)), ("class", "tick"), ("text-anchor", "end")], text: bar.label)
      if let value = bar.value, value.isFinite {
        svg.element("rect", [("x", n(left)), ("y", n(y + 3)), ("width", n(x(value) - left)), ("height", n(Self.row - 6)), ("fill", colour)])
      }
      // Values sit in their own column right of the plot, clear of bars and the reference line.
      svg.element(
        "text", [("x", n(left + plot + 54)), ("y", n(y + Self.row / 2 + 4)), ("class", "bar-value"), ("text-anchor", "end")],
        text: ReportNumbers.percent(bar.value))
      if let note = bar.note {
        svg.element("text", [("x", n(left + plot + 62)), ("y", n(y + Self.row / 2 + 4)), ("class", "bar-note")], text: note)
      }
      svg.close()
    }
    if let reference {
      svg.element(
        "line",
        [("x1", n(x(reference.value))), ("y1", n(top - 8)), ("x2", n(x(reference.value))), ("y2", n(bottom + 2)),
         ("stroke", "#D55E00"), ("stroke-width", "2"), ("stroke-dasharray", "5 3")])
      svg.element(
        "text", [("x", n(x(reference.value))), ("y", n(top - 12)), ("class", "legend"), ("text-anchor", "middle")],
        text: "\(reference.name) \(ReportNumbers.percent(reference.value))")
    }
    return svg.rendered()
  }
}
