import Foundation

extension EvaluationReport {
  /// JUnit XML: one test suite; a test case per gate (failing when not met), per fold and per label.
  public func junitReport() -> String {
    var cases: [String] = []
    var failures = 0
    for gate in gates {
      let name = "min-\(gate.metric) \(Figures.fixed(gate.minimum, 3))"
      if gate.passed {
        cases.append(XML.testCase(className: "stance.evaluate.gates", name: name, time: 0, body: nil))
      } else {
        failures += 1
        let body = "<failure type=\"gate\" message=\"\(XML.escape(gate.message))\">\(XML.escape(gate.message))</failure>"
        cases.append(XML.testCase(className: "stance.evaluate.gates", name: name, time: 0, body: body))
      }
    }
    if let folds {
      for (i, f) in folds.enumerated() {
        let time = i < timing.folds.count ? timing.folds[i].trainSeconds + timing.folds[i].predictSeconds : 0
        let out = "train \(f.train) test \(f.test) accuracy \(Figures.fixed(f.accuracy)) macro-F1 \(Figures.fixed(f.macroF1))"
        cases.append(
          XML.testCase(
            className: "stance.evaluate.folds", name: "fold \(f.fold)", time: time,
            body: "<system-out>\(XML.escape(out))</system-out>"))
      }
    }
    for c in perClass {
      let out = "precision \(Figures.fixed(c.precision)) recall \(Figures.fixed(c.recall)) F1 \(Figures.fixed(c.f1)) support \(c.support)"
      cases.append(
        XML.testCase(
          className: "stance.evaluate.labels", name: "label \(c.label)", time: 0,
          body: "<system-out>\(XML.escape(out))</system-out>"))
    }
    let properties: [(String, String)] = [
      ("mode", mode), ("sources", sources.joined(separator: " ")), ("passages", "\(counts.passages)"),
      ("accuracy", Figures.fixed(accuracy)), ("macroF1", Figures.fixed(macroF1)),
      ("logLoss", Figures.fixed(probabilities.logLoss)), ("brier", Figures.fixed(probabilities.brier)),
      ("ece", Figures.fixed(probabilities.ece)),
    ]
    var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
    let total = timing.featureSeconds + timing.trainSeconds + timing.predictSeconds
    lines.append(
      "<testsuite name=\"stance evaluate\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"\(Figures.fixed(total, 3))\">"
    )
    lines.append("  <properties>")
    for (name, value) in properties {
      lines.append("    <property name=\"\(XML.escape(name))\" value=\"\(XML.escape(value))\"/>")
    }
    lines.append("  </properties>")
    lines += cases.map { "  " + $0 }
    lines.append("</testsuite>")
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Just enough XML writing for JUnit reports.
enum XML {
  /// Escapes the five special characters and drops characters XML 1.0 forbids.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        let v = scalar.value
        // XML 1.0 Char: no C0 controls other than tab/newline/return, no U+FFFE/U+FFFF.
        if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  static func testCase(className: String, name: String, time: Double, body: String?) -> String {
    let open = "<testcase classname=\"\(escape(className))\" name=\"\(escape(name))\" time=\"\(Figures.fixed(time, 3))\""
    guard let body else { return open + "/>" }
    return open + ">" + body + "</testcase>"
  }
}
