import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@testable import StanceKit

@Suite struct SVGChartTests {
  /// Parses `svg` as XML: well-formed or not.
  static func isWellFormedXML(_ svg: String) -> Bool {
    let parser = XMLParser(data: Data(svg.utf8))
    return parser.parse()
  }

  static let bins: [ReliabilityBin] = (0..<10).map { (b: Int) -> ReliabilityBin in
    let edge = Double(b) / 10
    let empty = b < 3
    let confidence: Double? = empty ? nil : edge + 0.05
    let accuracy: Double? = empty ? nil : edge
    return ReliabilityBin(
      lower: edge, upper: edge + 0.1, count: empty ? 0 : b * 7, meanConfidence: confidence, accuracy: accuracy)
  }

  static var charts: [String] {
    [
      HeatMapChart(
        id: "heat", title: "Confusion <matrix>", rows: ["a", "b&c"], columns: ["a", "b&c"], counts: [[5, 1], [0, 7]],
        rowAxis: "true", columnAxis: "predicted"
      ).svg(),
      ReliabilityDiagram(
        id: "rel", title: "Reliability",
        series: [.init(name: "before", bins: bins, colour: "#D55E00", dashed: true), .init(name: "after", bins: bins, colour: "#0072B2")]
      ).svg(),
      BarChart(
        id: "bars", title: "Per topic", bars: [.init(label: "iran", value: 0.8, note: "n = 5"), .init(label: "x'y", value: nil)],
        axis: "accuracy", reference: (0.7, "overall")
      ).svg(),
    ]
  }

  @Test func chartsAreWellFormedAndBalanced() {
    for svg in Self.charts {
      #expect(Self.isWellFormedXML(svg), "\(svg.prefix(80))")
      let scanner = MarkupScanner(svg)
      #expect(scanner.problems.isEmpty, "\(scanner.problems)")
      #expect(scanner.elements("svg").count == 1)
      #expect(scanner.elements("title").count >= 1)
      #expect(scanner.elements("svg").first?.attribute("xmlns") == "http://www.w3.org/2000/svg")
    }
  }

  @Test func heatMapHasOneCellPerPairWithNumbers() {
    let scanner = MarkupScanner(Self.charts[0])
    #expect(scanner.elements("g").filter { $0.attribute("class")?.hasPrefix("cell") == true }.count == 4)
    let texts = scanner.text
    for n in ["5", "1", "0", "7", "83 %", "17 %", "100 %"] { #expect(texts.contains(n), "\(n)") }
    #expect(texts.contains("true") && texts.contains("predicted") && texts.contains("Confusion <matrix>"))
  }

  @Test func reliabilityDiagramHasDiagonalAxesAndBothSeries() {
    let scanner = MarkupScanner(Self.charts[1])
    #expect(scanner.elements("line").filter { $0.attribute("class") == "diagonal" }.count == 1)
    let lines = scanner.elements("polyline")
    #expect(lines.count == 2)
    // Seven non-empty bins, one point each per series.
    #expect(lines.allSatisfy { ($0.attribute("points") ?? "").split(separator: " ").count == 7 })
    #expect(scanner.elements("g").filter { $0.attribute("class") == "point" }.count == 14)
    #expect(scanner.text.contains("accuracy") && scanner.text.contains("mean confidence"))
    // Bins under the minimum count are hollow.
    #expect(scanner.elements("circle").contains { $0.attribute("fill") == "#FFFFFF" })
  }

  @Test func barChartPrintsValuesAndUndefinedAsDash() {
    let scanner = MarkupScanner(Self.charts[2])
    #expect(scanner.elements("g").filter { $0.attribute("class") == "bar" }.count == 2)
    #expect(scanner.elements("rect").count == 1)  // the undefined bar draws nothing
    #expect(scanner.text.contains("80 %") && scanner.text.contains("—") && scanner.text.contains("x'y"))
    #expect(scanner.text.contains("overall 70 %"))
  }

  @Test func numbersAreShortAndStable() {
    #expect(SVGWriter.number(3.14159) == "3.14")
    #expect(SVGWriter.number(12.5) == "12.5")
    #expect(SVGWriter.number(7) == "7")
    #expect(SVGWriter.number(-0.004) == "0")
    #expect(SVGWriter.number(-2.05) == "-2.05")
    #expect(SVGWriter.number(0.07) == "0.07")
    #expect(SVGWriter.number(.nan) == "0")
  }

  @Test func chartsAreDeterministic() {
    #expect(Self.charts == Self.charts)
  }
}
