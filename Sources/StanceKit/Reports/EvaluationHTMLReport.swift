/// An evaluation as one self-contained HTML page: metrics, charts and what the model leans on.
///
/// Sections: headline figures and the metrics table (as used and before calibration), the
/// per-label table, the confusion matrix as a heat map, the reliability diagram before and after
/// calibration, accuracy per fold and per topic when the data has them, the most indicative
/// n-grams per label with place and actor names flagged, and topic-leakage warnings.
public struct EvaluationHTMLReport: Sendable {
  /// How many indicative n-grams are listed per label.
  public static let featuresShown = 15

  /// Ids of the charts, stable for tests and scripts that look for them.
  public enum ChartID {
    /// The confusion-matrix heat map.
    public static let confusion = "confusion-matrix"
    /// The reliability diagram.
    public static let reliability = "reliability-diagram"
    /// Accuracy per fold (cross-validation only).
    public static let folds = "fold-accuracy"
    /// Accuracy per topic (data with topics only).
    public static let topics = "topic-accuracy"
  }

  /// The evaluation.
  public var report: EvaluationReport
  /// The most indicative features per label, strongest first (empty: the section is left out).
  public var indicative: [String: [IndicativeFeature]]
  /// Topic-leakage warnings over those features.
  public var leakage: [TopicLeakage.Warning]
  /// The page title.
  public var title: String
  /// When the report was made, printed only when given.
  public var generated: String?

  /// A page for `report`, with indicative features and leakage warnings when known.
  public init(
    report: EvaluationReport, indicative: [String: [IndicativeFeature]] = [:], leakage: [TopicLeakage.Warning] = [],
    title: String = "Evaluation report", generated: String? = nil
  ) {
    self.report = report
    self.indicative = indicative
    self.leakage = leakage
    self.title = title
    self.generated = generated
  }

  /// A page for `report` whose feature sections come from `model` (e.g. one trained on all the data).
  public init(report: EvaluationReport, model: NaiveBayesModel, title: String = "Evaluation report", generated: String? = nil) {
    let features = model.indicativeFeatures(top: max(Self.featuresShown, TopicLeakage.inspectedFeatures))
    self.init(
      report: report, indicative: features, leakage: TopicLeakage.warnings(indicative: features), title: title,
      generated: generated)
  }

  /// The page.
  public func html() -> String {
    var body = "<main>\n<header>\n<h1>\(HTMLEscaping.text(title))</h1>\n"
    body += "<p class=\"lede\">\(HTMLEscaping.text(description))</p>\n\(sources())</header>\n"
    body += headline()
    body += leakageWarnings(leakage.isEmpty ? report.topicLeakage ?? [] : leakage)
    body += "<div class=\"pair\">\n"
    body += "<section class=\"card\" id=\"metrics\"><h3>Metrics</h3>\n\(metricsTable())</section>\n"
    body += "<div class=\"stack\">\n"
    body += "<section class=\"card\" id=\"per-label\"><h3>Per label</h3>\n\(perLabelTable())</section>\n"
    body += foldChart()
    body += "</div>\n</div>\n<div class=\"pair\">\n"
    body += "<section class=\"card chart\">\n"
    body += HeatMapChart(id: ChartID.confusion, title: "Confusion matrix", confusion: report.confusion).svg()
    body += "<p class=\"note\">Shade and percentage: share of the true label's passages (the row); the diagonal is recall.</p>\n</section>\n"
    body += "<section class=\"card chart\">\n\(reliability())</section>\n"
    body += "</div>\n"
    if let topics = report.topics, !topics.isEmpty {
      // Weakest first: the topics a reader should worry about come to the top.
      let sorted = topics.sorted { ($0.accuracy ?? -1, $0.topic) < ($1.accuracy ?? -1, $1.topic) }
      let bars = sorted.map { BarChart.Bar(label: $0.topic, value: $0.accuracy, note: "n = \($0.count)") }
      body += "<section class=\"card chart\">\n"
      body += BarChart(
        id: ChartID.topics, title: "Accuracy per topic, weakest first", bars: bars, axis: "accuracy",
        reference: report.accuracy.map { ($0, "overall") }
      ).svg()
      body += "</section>\n"
    }
    body += indicativeTable()
    body += extras()
    body += ReportPage.footer(generated: generated)
    body += "</main>\n"
    return ReportPage.document(title: title, css: Self.css + labelCSS(), body: body)
  }

  // MARK: - Parts

  private var description: String {
    var text = report.mode == "cross-validation" ? "Cross-validation" : "Held-out evaluation"
    if let folds = report.folds { text += " over \(folds.count) folds" }
    text += " · \(report.counts.passages) passages"
    text += report.calibrated ? " · calibrated probabilities" : " · uncalibrated probabilities"
    if let options = report.training {
      let f = options.features
      let variant = options.variant == .bernoulli ? "Bernoulli" : options.variant.rawValue  // a name
      text += " · \(variant) naive Bayes, α \(ReportNumbers.short(options.alpha)), "
      text += "n-grams \(f.ngramRange.lowerBound)…\(f.ngramRange.upperBound)"
      if f.binary { text += ", binary" }
      if f.negation { text += ", negation" }
      if f.stopWords { text += ", stop words dropped" }
      if f.minCount > 1 { text += ", min count \(f.minCount)" }
      if !options.fitPrior { text += ", uniform prior" }
    }
    return text
  }

  /// The data files; a long list folds away under a summary naming their shared folder.
  private func sources() -> String {
    let list = report.sources.map { "<code>\(HTMLEscaping.text($0))</code>" }.joined(separator: ", ")
    guard report.sources.count > 3 else { return "<p class=\"sources\">Data: \(list)</p>\n" }
    let folders = Set(report.sources.map { $0.split(separator: "/").dropLast().joined(separator: "/") })
    let place = folders.count == 1 && !(folders.first ?? "").isEmpty ? " in \(folders.first!)/" : ""
    return "<details class=\"sources\"><summary>Data: \(report.sources.count) files\(HTMLEscaping.text(place))</summary>\(list)</details>\n"
  }

  private func labelClass(_ label: String) -> String {
    "l\(report.labels.firstIndex(of: label) ?? 0)"
  }

  private func labelCSS() -> String {
    report.labels.enumerated().map { i, label in
      ".swatch.l\(i) { background: \(ReportPalette.swatch(for: label, among: report.labels).strong); }\n"
    }.joined()
  }

  private func headline() -> String {
    var figures: [(String, String, String)] = [
      ("Accuracy", ReportNumbers.percent(report.accuracy), "\(report.counts.correct) of \(report.counts.passages) passages"),
      ("Macro-F1", ReportNumbers.fixed(report.macroF1), "mean F1 over \(report.labels.count) labels"),
    ]
    if let stance = report.stance {
      figures.append(("Stance accuracy", ReportNumbers.percent(stance.accuracy), "restraint vs engagement, \(stance.passages) passages"))
    }
    if report.calibrated {
      figures.append(("ECE", ReportNumbers.fixed(report.probabilities.ece), "before calibration \(ReportNumbers.fixed(report.uncalibrated.ece))"))
    } else {
      figures.append(("ECE", ReportNumbers.fixed(report.probabilities.ece), "expected calibration error"))
    }
    figures.append(("Log loss", ReportNumbers.fixed(report.probabilities.logLoss), "lower is better"))
    var html = "<div class=\"headline\" id=\"headline\">\n"
    for (name, value, note) in figures {
      html += "<div class=\"figure\"><div class=\"name\">\(HTMLEscaping.text(name))</div>"
      html += "<div class=\"value\">\(HTMLEscaping.text(value))</div><div class=\"muted\">\(HTMLEscaping.text(note))</div></div>\n"
    }
    return html + "</div>\n"
  }

  private func metricsTable() -> String {
    let used = report.probabilities
    let before = report.uncalibrated
    var rows: [(String, String, String, String)] = [
      ("Accuracy", ReportNumbers.fixed(report.accuracy), "", "share predicted correctly"),
      ("Macro-F1", ReportNumbers.fixed(report.macroF1), "", "mean of per-label F1"),
      ("Log loss", ReportNumbers.fixed(used.logLoss), ReportNumbers.fixed(before.logLoss), "mean −log p(true label)"),
      ("Brier", ReportNumbers.fixed(used.brier), ReportNumbers.fixed(before.brier), "squared probability error"),
      ("ECE", ReportNumbers.fixed(used.ece), ReportNumbers.fixed(before.ece), "calibration error, 10 bins"),
    ]
    if let stance = report.stance {
      rows.append(("Stance accuracy", ReportNumbers.fixed(stance.accuracy), "", "restraint vs engagement"))
      rows.append(("Exact stance accuracy", ReportNumbers.fixed(stance.exactAccuracy), "", "same, neutral counts as wrong"))
    }
    if let summary = report.foldSummary {
      rows.append((
        "Fold accuracy", "\(ReportNumbers.fixed(summary.meanAccuracy)) ± \(ReportNumbers.fixed(summary.stdAccuracy))", "",
        "mean ± sd over folds"))
      rows.append((
        "Fold macro-F1", "\(ReportNumbers.fixed(summary.meanMacroF1)) ± \(ReportNumbers.fixed(summary.stdMacroF1))", "",
        "mean ± sd over folds"))
    }
    var html = "<table class=\"metrics\">\n<thead><tr><th>Metric</th><th class=\"num\">"
    html += report.calibrated ? "Calibrated" : "Value"
    html += "</th><th class=\"num\">Uncalibrated</th></tr></thead>\n<tbody>\n"
    for (name, value, uncalibrated, meaning) in rows {
      html += "<tr><th>\(HTMLEscaping.text(name))<div class=\"meaning\">\(HTMLEscaping.text(meaning))</div></th>"
      html += "<td class=\"num\">\(HTMLEscaping.text(value))</td>"
      html += "<td class=\"num\">\(HTMLEscaping.text(report.calibrated ? uncalibrated : (uncalibrated.isEmpty ? "" : "same")))</td>"
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n"
  }

  private func perLabelTable() -> String {
    var html = "<table class=\"per-label\">\n<thead><tr><th>Label</th><th class=\"num\">Precision</th>"
    html += "<th class=\"num\">Recall</th><th class=\"num\">F1</th><th class=\"num\">Support</th><th class=\"num\">Predicted</th></tr></thead>\n<tbody>\n"
    for row in report.perClass {
      html += "<tr><th><span class=\"swatch \(labelClass(row.label))\"></span>\(HTMLEscaping.text(row.label))</th>"
      html += "<td class=\"num\">\(ReportNumbers.fixed(row.precision))</td><td class=\"num\">\(ReportNumbers.fixed(row.recall))</td>"
      html += "<td class=\"num\">\(ReportNumbers.fixed(row.f1))</td><td class=\"num\">\(row.support)</td>"
      html += "<td class=\"num\">\(row.predicted)</td></tr>\n"
    }
    return html + "</tbody>\n</table>\n"
  }

  private func reliability() -> String {
    var series: [ReliabilityDiagram.Series] = []
    if report.calibrated {
      series.append(.init(name: "before calibration", bins: report.uncalibrated.reliability, colour: "#D55E00", dashed: true))
      series.append(.init(name: "after calibration", bins: report.probabilities.reliability, colour: "#0072B2"))
    } else {
      series.append(.init(name: "uncalibrated", bins: report.probabilities.reliability, colour: "#D55E00", dashed: true))
    }
    var html = ReliabilityDiagram(id: ChartID.reliability, title: "Reliability diagram", series: series).svg()
    html += "<p class=\"note\">Points below the diagonal are overconfident. "
    html += report.calibrated
      ? "ECE \(ReportNumbers.fixed(report.uncalibrated.ece)) before, \(ReportNumbers.fixed(report.probabilities.ece)) after calibration.</p>\n"
      : "The model was not calibrated, so there is no after curve; <code>--calibrate</code> fits a temperature.</p>\n"
    return html
  }

  /// Accuracy per fold, narrow enough to sit under the per-label table; empty when held out.
  private func foldChart() -> String {
    guard let folds = report.folds, !folds.isEmpty else { return "" }
    let bars = folds.map { BarChart.Bar(label: "fold \($0.fold)", value: $0.accuracy, note: "\($0.test) passages") }
    let chart = BarChart(
      id: ChartID.folds, title: "Accuracy per fold", bars: bars, axis: "accuracy",
      reference: report.accuracy.map { ($0, "overall") }, plotWidth: 320)
    return "<section class=\"card chart\">\n\(chart.svg())\(foldNote())</section>\n"
  }

  private func foldNote() -> String {
    guard let summary = report.foldSummary else { return "" }
    return "<p class=\"note\">Mean \(ReportNumbers.fixed(summary.meanAccuracy)) ± \(ReportNumbers.fixed(summary.stdAccuracy)); "
      + "the dashed line is accuracy over all out-of-fold predictions.</p>\n"
  }

  private func indicativeTable() -> String {
    let labels = indicative.keys.sorted()
    guard !labels.isEmpty else { return "" }
    var html = "<section class=\"card\" id=\"indicative-features\"><h3>Most indicative n-grams per label</h3>\n"
    html += "<p class=\"note\">Log-likelihood ratio of the n-gram in the label against all other labels. "
    html += "<span class=\"leak\">Marked</span> n-grams name a place or actor: signs the model learned topics, not arguments.</p>\n"
    html += "<div class=\"features\">\n"
    for label in labels {
      html += "<table><thead><tr><th colspan=\"2\"><span class=\"swatch \(labelClass(label))\"></span>\(HTMLEscaping.text(label))</th></tr></thead>\n<tbody>\n"
      for feature in (indicative[label] ?? []).prefix(Self.featuresShown) {
        let leaks = TopicLeakage.containsName(feature.feature)
        html += "<tr><td><code\(leaks ? " class=\"leak\"" : "")>\(HTMLEscaping.text(feature.feature))</code></td>"
        html += "<td class=\"num\">\(ReportNumbers.fixed(feature.score, 2))</td></tr>\n"
      }
      html += "</tbody></table>\n"
    }
    return html + "</div>\n</section>\n"
  }

  private func leakageWarnings(_ leakage: [TopicLeakage.Warning]) -> String {
    guard !leakage.isEmpty else { return "" }
    var html = "<section class=\"warning\" id=\"topic-leakage\" role=\"alert\"><strong>Topic leakage.</strong> "
    html += "Among each label's \(TopicLeakage.inspectedFeatures) most indicative n-grams, these name places or actors:\n<ul>\n"
    for warning in leakage {
      html += "<li><strong>\(HTMLEscaping.text(warning.label))</strong>: "
      html += warning.features.map { "<code>\(HTMLEscaping.text($0))</code>" }.joined(separator: ", ")
      html += "</li>\n"
    }
    return html + "</ul>\n</section>\n"
  }

  private func extras() -> String {
    var html = ""
    if !report.unknownLabels.isEmpty {
      html += "<section class=\"card\" id=\"unknown-labels\"><h3>Labels the model never saw</h3><p>"
      html += report.unknownLabels.keys.sorted().map {
        "\(HTMLEscaping.text($0)): \(report.unknownLabels[$0] ?? 0) passages"
      }.joined(separator: "; ")
      html += " (counted as errors).</p></section>\n"
    }
    if !report.gates.isEmpty {
      html += "<section class=\"card\" id=\"gates\"><h3>Gates</h3><ul>\n"
      for gate in report.gates {
        html += "<li>\(gate.passed ? "passed" : "<strong>failed</strong>"): \(HTMLEscaping.text(gate.message))</li>\n"
      }
      html += "</ul></section>\n"
    }
    return html
  }

  private static let css = """
    .headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 14px; margin: 6px 0 18px; }
    .figure { background: #FFF; border: 1px solid #E2E2E2; border-radius: 6px; padding: 12px 16px; }
    .figure .name { font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; color: #555; }
    .figure .value { font-size: 30px; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.2; }
    .figure .muted { font-size: 13px; }
    .pair { display: flex; gap: 0 18px; align-items: flex-start; }
    .pair > .card { flex: 0 1 auto; min-width: 0; }
    @media (max-width: 1100px) { .pair { flex-wrap: wrap; } }
    .chart .note { max-width: 440px; }
    .sources { font-size: 13px; color: #555; margin: -8px 0 14px; }
    .sources summary { cursor: pointer; }
    .card h3 { margin-top: 0; }
    .chart svg { display: block; max-width: 100%; height: auto; }
    .note { font-size: 13px; color: #555; margin: 6px 0 0; max-width: 640px; }
    .features { display: flex; flex-wrap: wrap; gap: 18px; }
    .features table { min-width: 240px; }
    .per-label th { white-space: nowrap; }
    .metrics th, .metrics td, .per-label th, .per-label td { padding: 5px 10px; }
    .metrics .meaning { font-size: 12px; font-weight: 400; color: #666; white-space: normal; }
    .stack { flex: 0 0 auto; display: flex; flex-direction: column; }
    td.num { white-space: nowrap; }
    .metrics td { vertical-align: middle; }
    .leak { background: #FFE9A8; border-radius: 3px; padding: 0 3px; }
    .warning { background: #FFF6D6; border: 1px solid #E6C34A; border-left: 6px solid #E69F00; border-radius: 6px;
      padding: 12px 18px; margin: 0 0 18px; }
    .warning ul { margin: 6px 0 0; }
    svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    svg .chart-title { font-size: 15px; font-weight: 700; }
    svg .axis-title { font-size: 13px; fill: #444; }
    svg .tick { font-size: 12px; fill: #333; }
    svg .legend { font-size: 12px; }
    svg .bar-value { font-size: 12px; font-weight: 600; fill: #1A1A1A; font-variant-numeric: tabular-nums; }
    svg .bar-note { font-size: 11.5px; fill: #666; }
    svg .cell-count { font-size: 18px; font-weight: 700; }
    svg .cell-share { font-size: 12px; }
    svg .gridline { stroke: #E6E6E6; stroke-width: 1; }

    """
}
