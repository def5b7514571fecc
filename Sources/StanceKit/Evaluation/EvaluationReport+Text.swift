import Foundation

extension EvaluationReport {
  /// Widest confusion matrix printed with label names as column headers; wider ones use numbers.
  static let maxNamedMatrixWidth = 100

  /// The human-readable report: headline figures, then aligned tables.
  public func textReport() -> String {
    var out: [String] = []
    let foldCount = folds.map { ", \($0.count) folds" } ?? ""
    out.append("\(mode)\(foldCount): \(counts.passages) passages, \(labels.count) labels (\(sources.joined(separator: ", ")))")
    if let training { out.append("model: \(Self.describe(training))") }
    out.append("")
    var headline: [[String]] = [
      ["accuracy", Figures.fixed(accuracy), "\(counts.correct) of \(counts.passages) correct"],
      ["macro-F1", Figures.fixed(macroF1), ""],
    ]
    if let s = foldSummary {
      headline.append(["fold accuracy", Figures.fixed(s.meanAccuracy), "± \(Figures.fixed(s.stdAccuracy)) over folds"])
      headline.append(["fold macro-F1", Figures.fixed(s.meanMacroF1), "± \(Figures.fixed(s.stdMacroF1)) over folds"])
    }
    out += TextTable.render(headline, rightAligned: [1])
    out.append("")

    var classRows = [["label", "precision", "recall", "F1", "support", "predicted"]]
    for c in perClass {
      classRows.append([
        c.label, Figures.fixed(c.precision), Figures.fixed(c.recall), Figures.fixed(c.f1),
        "\(c.support)", "\(c.predicted)",
      ])
    }
    out += TextTable.render(classRows, rightAligned: [1, 2, 3, 4, 5])
    out.append("")

    var probabilityRows = [["probabilities", "log loss", "Brier", "ECE"]]
    func row(_ name: String, _ p: ProbabilityReport) -> [String] {
      [name, Figures.fixed(p.logLoss), Figures.fixed(p.brier), Figures.fixed(p.ece)]
    }
    if calibrated {
      probabilityRows.append(row("calibrated", probabilities))
      probabilityRows.append(row("uncalibrated", uncalibrated))
    } else {
      probabilityRows.append(row("uncalibrated", uncalibrated))
    }
    out += TextTable.render(probabilityRows, rightAligned: [1, 2, 3])
    out.append("")

    out.append("confusion matrix (rows: true label, columns: predicted)")
    out += confusionLines()
    out.append("")

    if let folds {
      var foldRows = [["fold", "train", "test", "accuracy", "macro-F1", "unknown label"]]
      for f in folds {
        foldRows.append([
          "\(f.fold)", "\(f.train)", "\(f.test)", Figures.fixed(f.accuracy), Figures.fixed(f.macroF1),
          "\(f.unknownLabel)",
        ])
      }
      out += TextTable.render(foldRows, rightAligned: [0, 1, 2, 3, 4, 5])
      out.append("")
    }
    if let stance {
      out.append(
        "restraint vs engagement: \(Figures.fixed(stance.accuracy)) over \(stance.passages) stance passages "
          + "(exact label \(Figures.fixed(stance.exactAccuracy)))")
      out.append("")
    }
    if let topicLeakage {
      if topicLeakage.isEmpty {
        out.append("topic leakage: none (no place or actor name among any label's top \(TopicLeakage.inspectedFeatures) features)")
      }
      for warning in topicLeakage {
        out.append(
          "warning: topic leakage: \(warning.label)'s top \(TopicLeakage.inspectedFeatures) features include "
            + warning.features.joined(separator: ", "))
      }
      out.append("")
    }
    if let topics {
      var topicRows = [["topic", "passages", "accuracy"]]
      for t in topics { topicRows.append([t.topic, "\(t.count)", Figures.fixed(t.accuracy)]) }
      out += TextTable.render(topicRows, rightAligned: [1, 2])
      out.append("")
    }
    if !unknownLabels.isEmpty {
      let list = unknownLabels.keys.sorted().map { "\($0) (\(unknownLabels[$0]!))" }
      out.append("labels unknown to the model, counted as errors: \(list.joined(separator: ", "))")
      out.append("")
    }
    for gate in gates { out.append(gate.message) }
    if !gates.isEmpty { out.append("") }
    let counting = timing.featureSeconds > 0 ? "counting features once \(Figures.fixed(timing.featureSeconds, 3)) s, " : ""
    out.append(
      "time: \(counting)training \(Figures.fixed(timing.trainSeconds, 3)) s, prediction \(Figures.fixed(timing.predictSeconds, 3)) s"
    )
    return out.joined(separator: "\n") + "\n"
  }

  /// A one-line summary of training options, e.g. "multinomial, alpha 1, n-grams 1...2, binary".
  static func describe(_ o: TrainingOptions) -> String {
    var parts = [
      o.variant.rawValue, "alpha \(o.alpha)",
      "n-grams \(o.features.ngramRange.lowerBound)...\(o.features.ngramRange.upperBound)",
    ]
    if o.features.binary { parts.append("binary") }
    if o.features.negation { parts.append("negation") }
    if o.features.stopWords { parts.append("stop words removed") }
    if o.features.minCount > 1 { parts.append("min count \(o.features.minCount)") }
    if !o.fitPrior { parts.append("uniform prior") }
    return parts.joined(separator: ", ")
  }

  private func confusionLines() -> [String] {
    let named = labels.reduce(0) { $0 + max($1.count, 6) + 2 } + (labels.map(\.count).max() ?? 0)
      <= Self.maxNamedMatrixWidth
    var header = [""]
    header += labels.indices.map { named ? labels[$0] : "\($0)" }
    var rows = [header]
    for (t, counts) in confusion.counts.enumerated() {
      let name = named ? labels[t] : "\(t) \(labels[t])"
      rows.append([name] + counts.map { "\($0)" })
    }
    return TextTable.render(rows, rightAligned: Set(1..<(labels.count + 1)))
  }
}

/// Pads rows of cells into aligned columns separated by two spaces.
enum TextTable {
  static func render(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
    let columns = rows.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    return rows.map { row in
      var line = ""
      for (i, cell) in row.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        if i > 0 { line += "  " }
        line += rightAligned.contains(i) ? pad + cell : cell + pad
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return "  " + line
    }
  }
}
