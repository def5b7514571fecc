import Testing

@testable import StanceKit

@Suite struct EvaluationHTMLReportTests {
  static let evil = InjectionPayloads.combined
  static let labels = ["engagement", "neutral", evil]

  /// A cross-validation report over three labels (one hostile), with topics and two folds.
  static func report() -> EvaluationReport {
    var trueLabels: [String] = []
    var predictions: [ScoredPrediction] = []
    var topics: [String?] = []
    var random = SplitMix64(seed: 7)
    for i in 0..<90 {
      let truth = labels[i % 3]
      let right = random.next() % 4 != 0
      let predicted = right ? truth : labels[(i + 1) % 3]
      let top = 0.4 + Double(random.next() % 60) / 100
      var p = [Double](repeating: (1 - top) / 2, count: 3)
      p[labels.firstIndex(of: predicted)!] = top
      let columns = labels.sorted()
      let aligned = columns.map { p[labels.firstIndex(of: $0)!] }
      predictions.append(ScoredPrediction(label: predicted, probabilities: aligned, uncalibratedProbabilities: aligned.map { $0 * $0 }.normalizedSum()))
      trueLabels.append(truth)
      topics.append(i % 2 == 0 ? "iran" : "topic " + evil)
    }
    let folds = [0, 1].map { fold in
      FoldResult(
        fold: fold, trainCount: 45, testCount: 45,
        metrics: Metrics(ConfusionMatrix(trueLabels: ["a", "b"], predictedLabels: ["a", fold == 0 ? "a" : "b"])),
        unknownLabels: [:], trainSeconds: 0.1, predictSeconds: 0.01)
    }
    return EvaluationReport(
      mode: "cross-validation", sources: ["data/" + evil + ".jsonl"], columns: labels.sorted(), trueLabels: trueLabels,
      predictions: predictions, calibrated: true, topics: topics, unknownLabels: [:], folds: folds,
      timing: .init(trainSeconds: 1, predictSeconds: 1, folds: []))
  }

  static let indicative: [String: [IndicativeFeature]] = [
    "engagement": [IndicativeFeature(feature: "allies", score: 2.1, count: 30), IndicativeFeature(feature: "kabul troops", score: 1.9, count: 12)],
    evil: [IndicativeFeature(feature: evil, score: 1.5, count: 3)],
  ]

  static func page() -> String {
    EvaluationHTMLReport(
      report: report(), indicative: indicative, leakage: TopicLeakage.warnings(indicative: indicative),
      title: "Eval " + evil
    ).html()
  }

  @Test func nothingFromTheInputBecomesMarkup() {
    let html = Self.page()
    #expect(InjectionPayloads.problems(in: html) == [])
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt; ' onmouseover='x &lt;/style&gt; ]]&gt; &lt;!--"))
    let scanner = MarkupScanner(html)
    #expect(scanner.text.contains("topic " + Self.evil))
  }

  @Test func hasEveryChartAndSection() {
    let scanner = MarkupScanner(Self.page())
    let svgIDs = Set(scanner.elements("svg").compactMap { $0.attribute("id") })
    #expect(svgIDs == ["confusion-matrix", "reliability-diagram", "fold-accuracy", "topic-accuracy"])
    let ids = Set(scanner.tags.compactMap { $0.attribute("id") })
    for id in ["metrics", "per-label", "indicative-features", "topic-leakage", "headline"] { #expect(ids.contains(id), "\(id)") }
    // The leakage warning names the leaking n-gram; the table marks it.
    #expect(Self.page().contains("<code>kabul troops</code>"))
    #expect(Self.page().contains("<code class=\"leak\">kabul troops</code>"))
    // Before and after calibration are both drawn.
    #expect(scanner.elements("g").filter { $0.attribute("class") == "series" }.count == 2)
  }

  @Test func confusionHeatMapHasLabelsSquaredCells() {
    let report = Self.report()
    let svg = HeatMapChart(id: "m", title: "t", confusion: report.confusion).svg()
    let scanner = MarkupScanner(svg)
    #expect(scanner.problems.isEmpty)
    #expect(scanner.elements("g").filter { $0.attribute("class")?.hasPrefix("cell") == true }.count == 9)
    #expect(scanner.elements("g").filter { $0.attribute("class") == "cell diagonal" }.count == 3)
    // Every count is printed on its cell.
    let printed = scanner.elements("text").count
    #expect(printed >= 9 * 2 + 3 + 3 + 2 + 1)
    for row in report.confusion.counts { for count in row { #expect(scanner.text.contains(String(count))) } }
  }

  @Test func heldOutWithoutTopicsOrFeaturesLeavesThoseSectionsOut() {
    var report = Self.report()
    report.folds = nil
    report.foldSummary = nil
    report.topics = nil
    report.calibrated = false
    let scanner = MarkupScanner(EvaluationHTMLReport(report: report).html())
    #expect(Set(scanner.elements("svg").compactMap { $0.attribute("id") }) == ["confusion-matrix", "reliability-diagram"])
    #expect(!scanner.tags.contains { $0.attribute("id") == "indicative-features" || $0.attribute("id") == "topic-leakage" })
    #expect(scanner.elements("g").filter { $0.attribute("class") == "series" }.count == 1)
  }

  @Test func showsTheReportsOwnStanceLeakageAndTrainingOptions() {
    var report = Self.report()
    report.stance = .init(passages: 60, accuracy: 0.95, exactAccuracy: 0.9)
    report.topicLeakage = [TopicLeakage.Warning(label: "engagement", features: ["kabul <b>"])]
    var options = TrainingOptions()
    options.alpha = 0.1
    options.features.ngramRange = 1...2
    options.features.binary = true
    report.training = options
    let html = EvaluationHTMLReport(report: report).html()
    #expect(InjectionPayloads.problems(in: html) == [])
    #expect(html.contains("Stance accuracy") && html.contains("95 %") && html.contains("0.900"))
    #expect(html.contains("id=\"topic-leakage\"") && html.contains("<code>kabul &lt;b&gt;</code>"))
    #expect(html.contains("multinomial naive Bayes, α 0.1, n-grams 1…2, binary"))
  }

  @Test func outputIsDeterministicAndFormatHTMLMatches() throws {
    #expect(Self.page() == Self.page())
    let report = Self.report()
    #expect(try report.rendered(as: .html) == EvaluationHTMLReport(report: report).html())
  }
}

extension Array where Element == Double {
  fileprivate func normalizedSum() -> [Double] {
    let total = reduce(0, +)
    return map { $0 / total }
  }
}
