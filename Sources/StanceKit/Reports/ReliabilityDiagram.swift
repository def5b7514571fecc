/// A reliability diagram: accuracy against mean confidence per confidence bin, with the diagonal
/// a perfectly calibrated model would follow.
///
/// Several series (before and after calibration) share the axes. Bins holding fewer than
/// `minimumCount` passages are drawn hollow: their accuracy is too noisy to read as a trend.
public struct ReliabilityDiagram: Sendable {
  /// One line of the diagram.
  public struct Series: Sendable {
    /// The legend name.
    public var name: String
    /// The bins, in confidence order.
    public var bins: [ReliabilityBin]
    /// The line and marker colour.
    public var colour: String
    /// Whether the line is dashed (the "before" series).
    public var dashed: Bool

    /// A series named `name` drawn in `colour`.
    public init(name: String, bins: [ReliabilityBin], colour: String, dashed: Bool = false) {
      self.name = name
      self.bins = bins
      self.colour = colour
      self.dashed = dashed
    }
  }

  /// Bins with fewer passages than this are drawn hollow.
  public static let minimumCount = 10

  /// The root element's id.
  public var id: String
  /// The chart title.
  public var title: String
  /// The lines, drawn in order (later ones on top).
  public var series: [Series]

  /// A diagram of `series` under `title`.
  public init(id: String, title: String, series: [Series]) {
    self.id = id
    self.title = title
    self.series = series
  }

  /// The chart as an `<svg>` element.
  public func svg() -> String {
    let n = SVGWriter.number
    let (left, top, side) = (64.0, 40.0, 340.0)
    let histogram = 70.0
    let width = left + side + 200
    let height = top + side + 52 + histogram + 30
    func x(_ v: Double) -> Double { left + side * v }
    func y(_ v: Double) -> Double { top + side * (1 - v) }
    var svg = SVGWriter(
      id: id, width: width, height: height, title: title,
      description: "Accuracy against mean confidence per bin; points on the diagonal are perfectly calibrated.")
    svg.element("text", [("x", n(8)), ("y", n(20)), ("class", "chart-title")], text: title)
    // The plot frame and grid at every 0.2.
    svg.element("rect", [("x", n(left)), ("y", n(top)), ("width", n(side)), ("height", n(side)), ("fill", "#FFFFFF"), ("stroke", "#888888")])
    for step in 0...5 {
      let v = Double(step) / 5
      if step > 0 && step < 5 {
        svg.element("line", [("x1", n(x(v))), ("y1", n(top)), ("x2", n(x(v))), ("y2", n(top + side)), ("class", "gridline")])
        svg.element("line", [("x1", n(left)), ("y1", n(y(v))), ("x2", n(left + side)), ("y2", n(y(v))), ("class", "gridline")])
      }
      svg.element("text", [("x", n(x(v))), ("y", n(top + side + 16)), ("class", "tick"), ("text-anchor", "middle")], text: ReportNumbers.fixed(v, 1))
      svg.element("text", [("x", n(left - 6)), ("y", n(y(v) + 4)), ("class", "tick"), ("text-anchor", "end")], text: ReportNumbers.fixed(v, 1))
    }
    svg.element(
      "line",
      [("x1", n(x(0))), ("y1", n(y(0))), ("x2", n(x(1))), ("y2", n(y(1))), ("class", "diagonal"),
       ("stroke", "#555555"), ("stroke-dasharray", "2 4")])
    svg.element("text", [("x", n(left + side / 2)), ("y", n(top + side + 36)), ("class", "axis-title"), ("text-anchor", "middle")], text: "mean confidence of the predicted label")
    let middle = top + side / 2
    svg.element(
      "text",
      [("x", n(18)), ("y", n(middle)), ("class", "axis-title"), ("text-anchor", "middle"), ("transform", "rotate(-90 18 \(n(middle)))")],
      text: "accuracy")

    for line in series {
      let filled = line.bins.filter { $0.count > 0 && $0.meanConfidence != nil && $0.accuracy != nil }
      let points = filled.map { "\(n(x($0.meanConfidence!))),\(n(y($0.accuracy!)))" }.joined(separator: " ")
      svg.begin("g", [("class", "series"), ("data-series", line.name)])
      if filled.count > 1 {
        var attributes: [SVGWriter.Attribute] = [("points", points), ("fill", "none"), ("stroke", line.colour), ("stroke-width", "2.5")]
        if line.dashed { attributes.append(("stroke-dasharray", "7 4")) }
        svg.element("polyline", attributes)
      }
      for bin in filled {
        let solid = bin.count >= Self.minimumCount
        svg.begin("g", [("class", "point")])
        let cx = n(x(bin.meanConfidence!))
        let cy = n(y(bin.accuracy!))
        if line.dashed {
          svg.element(
            "rect",
            [("x", n(x(bin.meanConfidence!) - 4.5)), ("y", n(y(bin.accuracy!) - 4.5)), ("width", "9"), ("height", "9"),
             ("fill", solid ? line.colour : "#FFFFFF"), ("stroke", line.colour), ("stroke-width", "2")])
        } else {
          svg.element("circle", [("cx", cx), ("cy", cy), ("r", "5"), ("fill", solid ? line.colour : "#FFFFFF"), ("stroke", line.colour), ("stroke-width", "2")])
        }
        svg.element(
          "title", [],
          text: "\(line.name): confidence \(ReportNumbers.fixed(bin.meanConfidence)), accuracy \(ReportNumbers.fixed(bin.accuracy)), \(bin.count) passages")
        svg.close()
      }
      svg.close()
    }

    // Passages per bin of the last series, so a reader can see where the mass is.
    if let last = series.last {
      let base = top + side + 52 + histogram
      let most = max(last.bins.map(\.count).max() ?? 0, 1)
      svg.element("text", [("x", n(left)), ("y", n(top + side + 56)), ("class", "tick")], text: "passages per bin (\(last.name))")
      svg.begin("g", [("class", "histogram")])
      for bin in last.bins {
        let h = (histogram - 18) * Double(bin.count) / Double(most)
        let barX = x(bin.lower) + 2
        let barWidth = side * (bin.upper - bin.lower) - 4
        svg.element("rect", [("x", n(barX)), ("y", n(base - h)), ("width", n(barWidth)), ("height", n(h)), ("fill", "#BBBBBB")])
        if bin.count > 0 {
          svg.element("text", [("x", n(barX + barWidth / 2)), ("y", n(base - h - 3)), ("class", "bar-value"), ("text-anchor", "middle")], text: String(bin.count))
        }
      }
      svg.close()
      svg.element("line", [("x1", n(left)), ("y1", n(base)), ("x2", n(left + side)), ("y2", n(base)), ("stroke", "#888888")])
    }

    // Legend.
    let legendX = left + side + 18
    var legendY = top + 10
    for line in series {
      var attributes: [SVGWriter.Attribute] = [("x1", n(legendX)), ("y1", n(legendY)), ("x2", n(legendX + 30)), ("y2", n(legendY)), ("stroke", line.colour), ("stroke-width", "2.5")]
      if line.dashed { attributes.append(("stroke-dasharray", "7 4")) }
      svg.element("line", attributes)
      svg.element("text", [("x", n(legendX + 38)), ("y", n(legendY + 4)), ("class", "legend")], text: line.name)
      legendY += 24
    }
    svg.element("line", [("x1", n(legendX)), ("y1", n(legendY)), ("x2", n(legendX + 30)), ("y2", n(legendY)), ("stroke", "#555555"), ("stroke-dasharray", "2 4")])
    svg.element("text", [("x", n(legendX + 38)), ("y", n(legendY + 4)), ("class", "legend")], text: "perfect calibration")
    legendY += 24
    svg.element("circle", [("cx", n(legendX + 15)), ("cy", n(legendY)), ("r", "5"), ("fill", "#FFFFFF"), ("stroke", "#555555"), ("stroke-width", "2")])
    svg.element("text", [("x", n(legendX + 38)), ("y", n(legendY + 4)), ("class", "legend")], text: "hollow: < \(Self.minimumCount) passages")
    return svg.rendered()
  }
}
