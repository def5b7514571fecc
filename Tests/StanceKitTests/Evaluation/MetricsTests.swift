import Foundation
import Testing

@testable import StanceKit

@Suite struct MetricsTests {
  @Test func threeLabelsByHand() {
    let matrix = ConfusionMatrix(
      trueLabels: ["a", "a", "a", "b", "b", "c"], predictedLabels: ["a", "a", "b", "b", "c", "c"])
    #expect(matrix.labels == ["a", "b", "c"])
    #expect(matrix.counts == [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
    let m = Metrics(matrix)
    #expect(abs(m.accuracy - 4.0 / 6.0) < 1e-12)
    let a = m.perClass[0], b = m.perClass[1], c = m.perClass[2]
    #expect(a.precision == 1 && abs(a.recall - 2.0 / 3.0) < 1e-12 && abs(a.f1 - 0.8) < 1e-12)
    #expect(b.precision == 0.5 && b.recall == 0.5 && b.f1 == 0.5)
    #expect(c.precision == 0.5 && c.recall == 1 && abs(c.f1 - 2.0 / 3.0) < 1e-12)
    #expect(a.support == 3 && b.support == 2 && c.support == 1)
    #expect(abs(m.macroF1 - (0.8 + 0.5 + 2.0 / 3.0) / 3) < 1e-12)
  }

  @Test func neverPredictedLabelHasUndefinedPrecisionAndCountsZeroInMacro() {
    let m = Metrics(ConfusionMatrix(trueLabels: ["a", "b"], predictedLabels: ["a", "a"]))
    let b = m.perClass[1]
    #expect(b.label == "b")
    #expect(b.precision.isNaN)
    #expect(b.recall == 0)
    #expect(b.f1 == 0)
    #expect(abs(m.macroF1 - (2.0 / 3.0 + 0) / 2) < 1e-12)
    #expect(m.accuracy == 0.5)
  }

  @Test func labelOnlyPredictedHasUndefinedRecall() {
    let m = Metrics(ConfusionMatrix(trueLabels: ["a", "a"], predictedLabels: ["a", "b"]))
    #expect(m.perClass[1].recall.isNaN)
    #expect(m.perClass[1].precision == 0)
    #expect(abs(m.macroF1 - (2.0 / 3.0) / 2) < 1e-12)
  }

  @Test func labelsNeitherTrueNorPredictedStayOutOfMacro() {
    let matrix = ConfusionMatrix(trueLabels: ["a", "b"], predictedLabels: ["a", "b"], labels: ["z"])
    let m = Metrics(matrix)
    #expect(matrix.labels == ["a", "b", "z"])
    #expect(m.perClass[2].f1.isNaN)
    #expect(m.macroF1 == 1)
  }

  @Test func emptyMatrixIsUndefined() {
    let m = Metrics(ConfusionMatrix(trueLabels: [], predictedLabels: []))
    #expect(m.accuracy.isNaN && m.macroF1.isNaN && m.perClass.isEmpty)
  }

  @Test func addingMatricesWidensLabels() {
    let x = ConfusionMatrix(trueLabels: ["a", "b"], predictedLabels: ["a", "a"])
    let y = ConfusionMatrix(trueLabels: ["c"], predictedLabels: ["a"])
    let sum = x.adding(y)
    #expect(sum.labels == ["a", "b", "c"])
    #expect(sum.counts == [[1, 0, 0], [1, 0, 0], [1, 0, 0]])
    #expect(sum.total == 3 && sum.correct == 1)
  }
}

@Suite struct ProbabilityMetricsTests {
  let p: [[Double]] = [[0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]
  let truth: [Int?] = [0, 1, 1]

  @Test func logLossByHand() {
    let expected = -(log(0.8) + log(0.7) + log(0.4)) / 3
    #expect(abs(ProbabilityMetrics.logLoss(probabilities: p, truth: truth) - expected) < 1e-12)
  }

  @Test func logLossClipsZeroProbability() {
    let value = ProbabilityMetrics.logLoss(probabilities: [[1, 0]], truth: [1])
    #expect(abs(value - (-log(1e-15))) < 1e-9)
    #expect(abs(ProbabilityMetrics.logLoss(probabilities: [[1, 0]], truth: [nil]) - 34.538776394910684) < 1e-9)
  }

  @Test func brierByHand() {
    // (0.2² + 0.2²) + (0.3² + 0.3²) + (0.6² + 0.6²) = 0.08 + 0.18 + 0.72
    #expect(abs(ProbabilityMetrics.brier(probabilities: p, truth: truth) - 0.98 / 3) < 1e-12)
    // A label the model does not know: every column is a miss plus the missing one-hot 1.
    #expect(abs(ProbabilityMetrics.brier(probabilities: [[0.5, 0.5]], truth: [nil]) - 1.5) < 1e-12)
  }

  @Test func reliabilityAndECEByHand() {
    let bins = ProbabilityMetrics.reliability(probabilities: p, truth: truth)
    #expect(bins.count == 10)
    #expect(bins.map(\.count) == [0, 0, 0, 0, 0, 0, 1, 1, 1, 0])
    #expect(bins[6].accuracy == 0 && bins[7].accuracy == 1 && bins[8].accuracy == 1)
    #expect(bins[6].meanConfidence == 0.6)
    #expect(bins[0].meanConfidence == nil && bins[0].accuracy == nil)
    #expect(bins[9].upper == 1.0 && bins[3].lower == 0.3)
    let ece = ProbabilityMetrics.expectedCalibrationError(bins: bins)
    #expect(abs(ece - (0.2 + 0.3 + 0.6) / 3) < 1e-12)
  }

  @Test func fullConfidenceLandsInLastBin() {
    let bins = ProbabilityMetrics.reliability(probabilities: [[1, 0], [0.05, 0.95]], truth: [0, 1])
    #expect(bins[9].count == 2)
    #expect(abs(bins[9].meanConfidence! - 0.975) < 1e-12)
    #expect(abs(ProbabilityMetrics.expectedCalibrationError(bins: bins) - 0.025) < 1e-12)
  }

  @Test func tiesGoToTheEarlierLabel() {
    let bins = ProbabilityMetrics.reliability(probabilities: [[0.5, 0.5]], truth: [0])
    #expect(bins[5].accuracy == 1)
  }

  @Test func emptyInputIsUndefined() {
    #expect(ProbabilityMetrics.logLoss(probabilities: [], truth: []).isNaN)
    #expect(ProbabilityMetrics.brier(probabilities: [], truth: []).isNaN)
    #expect(ProbabilityMetrics.expectedCalibrationError(bins: ProbabilityMetrics.reliability(probabilities: [], truth: [])).isNaN)
  }
}
