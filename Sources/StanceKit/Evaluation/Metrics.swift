/// Precision, recall and F1 of one label, read off a confusion matrix.
public struct ClassMetrics: Hashable, Sendable {
  /// The label these figures describe.
  public var label: String
  /// TP / (TP + FP); NaN when the label was never predicted (undefined, printed "—", JSON null).
  public var precision: Double
  /// TP / (TP + FN); NaN when the label never occurs among the true labels.
  public var recall: Double
  /// 2·TP / (2·TP + FP + FN), scikit-learn's form; NaN only when the label is neither true nor predicted.
  public var f1: Double
  /// How many samples carry this true label.
  public var support: Int
  /// How many samples were predicted as this label.
  public var predicted: Int
}

/// Accuracy, per-label and macro-averaged figures of one confusion matrix.
///
/// Macro-F1 averages F1 over the labels that occur among the true or the predicted labels
/// (scikit-learn's default label set), counting an undefined F1 as 0 as scikit-learn does with
/// `zero_division=0`; a label that was never predicted therefore pulls the average down instead
/// of vanishing from it.
public struct Metrics: Hashable, Sendable {
  /// Fraction of samples predicted correctly; NaN for an empty matrix.
  public var accuracy: Double
  /// Unweighted mean of per-label F1 (undefined F1 counted as 0); NaN for an empty matrix.
  public var macroF1: Double
  /// One entry per label of the matrix, in its (sorted) order.
  public var perClass: [ClassMetrics]

  /// Computes every figure from `matrix`.
  public init(_ matrix: ConfusionMatrix) {
    let total = matrix.total
    accuracy = total == 0 ? .nan : Double(matrix.correct) / Double(total)
    perClass = matrix.labels.indices.map { i in
      let tp = matrix.counts[i][i]
      let support = matrix.support(i)
      let predicted = matrix.predictedCount(i)
      let fp = predicted - tp
      let fn = support - tp
      return ClassMetrics(
        label: matrix.labels[i],
        precision: Metrics.ratio(tp, predicted),
        recall: Metrics.ratio(tp, support),
        f1: Metrics.ratio(2 * tp, 2 * tp + fp + fn),
        support: support,
        predicted: predicted)
    }
    let counted = perClass.filter { $0.support > 0 || $0.predicted > 0 }
    macroF1 =
      counted.isEmpty
      ? .nan : counted.reduce(0) { $0 + ($1.f1.isNaN ? 0 : $1.f1) } / Double(counted.count)
  }

  private static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
    denominator == 0 ? .nan : Double(numerator) / Double(denominator)
  }
}
