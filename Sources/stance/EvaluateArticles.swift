import ArgumentParser
import Foundation
import StanceKit

extension EvaluationReport {
  /// Records the topic-leakage warnings of `model` when the report is about stance labels.
  mutating func checkTopicLeakage(of model: NaiveBayesModel) {
    guard stance != nil else { return }
    topicLeakage = TopicLeakage.warnings(indicative: model.indicativeFeatures(top: TopicLeakage.inspectedFeatures))
  }
}

extension Evaluate {
  /// `--articles`: every listed page through ingest, passage labels and the stance rule.
  func runArticles(_ labels: String) throws {
    let evaluation: ArticleEvaluation
    do {
      let classifier = try NaiveBayesModel(contentsOf: model!)
      let articles = try ArticleLabels.read(path: labels)
      evaluation = ArticleEvaluation(articles: articles) { article in
        classifier.classify(try Ingester.ingest(fileAt: article.path))
      }
    } catch {
      printError("stance evaluate: \(error)")
      throw Exit.dataError
    }
    var gates: [GateResult] = []
    if let minAccuracy {
      gates.append(GateResult(metric: "article accuracy", minimum: minAccuracy, value: evaluation.accuracy))
    }
    let text: String
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      text = String(decoding: try encoder.encode(evaluation), as: UTF8.self) + "\n"
    default:
      text = evaluation.textReport() + gates.map { $0.message + "\n" }.joined()
    }
    if let output {
      try AtomicFile.write(text, to: output)
    } else {
      FileHandle.standardOutput.write(Data(text.utf8))
    }
    for gate in gates where !gate.passed { printError(gate.message) }
    if gates.contains(where: { !$0.passed }) { throw Exit.failure }
  }
}
