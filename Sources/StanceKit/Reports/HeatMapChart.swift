/// A labelled count matrix drawn as a heat map (a confusion matrix: rows true, columns predicted).
///
/// Each cell prints its count and its share of the row, and is shaded by that share, so a
/// diagonal of dark cells is a good classifier whatever the class sizes.
public struct HeatMapChart: Sendable {
  /// The root element's id.
  public var id: String
  /// The chart title.
  public var title: String
  /// Row labels, top to bottom.
  public var rows: [String]
  /// Column labels, left to right.
  public var columns: [String]
  /// `counts[row][column]`.
  public var counts: [[Int]]
  /// The vertical axis title.
  public var rowAxis: String
  /// The horizontal axis title.
  public var columnAxis: String

  /// Width and height of one cell.
  static let cell = 84.0
  /// Room for row labels left of the grid.
  static let rowLabelWidth = 118.0

  /// A heat map of `counts` with its labels and axis titles.
  public init(
    id: String, title: String, rows: [String], columns: [String], counts: [[Int]],
    rowAxis: String, columnAxis: String
  ) {
    precondition(counts.count == rows.count && counts.allSatisfy { $0.count == columns.count }, "counts must be rows × columns")
    self.id = id
    self.title = title
    self.rows = rows
    self.columns = columns
    self.counts = counts
    self.rowAxis = rowAxis
    self.columnAxis = columnAxis
  }

  /// A confusion matrix as a heat map: true labels down, predicted labels across.
  public init(id: String, title: String, confusion: ConfusionMatrix) {
    self.init(
      id: id, title: title, rows: confusion.labels, columns: confusion.labels,
      counts: confusion.counts, rowAxis: "true label", columnAxis: "predicted label")
  }

  /// The chart as an `<svg>` element.
  public func svg() -> String {
    let n = SVGWriter.number
    let cell = Self.cell
    let left = 28 + Self.rowLabelWidth
    let top = 62.0
    let width = left + cell * Double(max(columns.count, 1)) + 16
    let height = top + cell * Double(max(rows.count, 1)) + 44
    var svg = SVGWriter(
      id: id, width: width, height: height, title: title,
      description: "Rows are \(rowAxis)s, columns \(columnAxis)s; each cell shows its count and its share of the row.")
    svg.element("text", [("x", n(8)), ("y", n(20)), ("class", "chart-title")], text: title)
    svg.element(
      "text",
      [("x", n(left + cell * Double(columns.count) / 2)), ("y", n(top - 28)), ("class", "axis-title"), ("text-anchor", "middle")],
      text: columnAxis)
    svg.element(
      "text",
      [("x", n(14)), ("y", n(top + cell * Double(rows.count) / 2)), ("class", "axis-title"), ("text-anchor", "middle"),
       ("transform", "rotate(-90 14 \(n(top + cell * Double(rows.count) / 2)))")],
      text: rowAxis)
    for (c, label) in columns.enumerated() {
      svg.element(
        "text",
        [("x", n(left + cell * (Double(c) + 0.5))), ("y", n(top - 8)), ("class", "tick"), ("text-anchor", "middle")],
        text: label)
    }
    for (r, label) in rows.enumerated() {
      let total = counts[r].reduce(0, +)
      svg.element(
        "text",
        [("x", n(left - 8)), ("y", n(top + cell * (Double(r) + 0.5) + 4)), ("class", "tick"), ("text-anchor", "end")],
        text: label)
      for (c, count) in counts[r].enumerated() {
        let share = total == 0 ? 0 : Double(count) / Double(total)
        let x = left + cell * Double(c)
        let y = top + cell * Double(r)
        let ink = ReportPalette.needsLightText(share) ? "#FFFFFF" : "#1A1A1A"
        svg.begin("g", [("class", r == c ? "cell diagonal" : "cell")])
        svg.element(
          "rect",
          [("x", n(x)), ("y", n(y)), ("width", n(cell)), ("height", n(cell)),
           ("fill", ReportPalette.sequential(share)), ("stroke", "#FFFFFF"), ("stroke-width", "2")])
        svg.element(
          "text",
          [("x", n(x + cell / 2)), ("y", n(y + cell / 2)), ("class", "cell-count"), ("text-anchor", "middle"), ("fill", ink)],
          text: String(count))
        svg.element(
          "text",
          [("x", n(x + cell / 2)), ("y", n(y + cell / 2 + 18)), ("class", "cell-share"), ("text-anchor", "middle"), ("fill", ink)],
          text: total == 0 ? "—" : ReportNumbers.percent(share))
        svg.element("title", [], text: "true \(label), predicted \(columns[c]): \(count) of \(total)")
        svg.close()
      }
    }
    return svg.rendered()
  }
}
