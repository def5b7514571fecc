/// Counts of (true label, predicted label) pairs over a fixed, sorted label list.
public struct ConfusionMatrix: Hashable, Codable, Sendable {
  /// Row and column labels, sorted; rows are true labels, columns predicted labels.
  public private(set) var labels: [String]
  /// `counts[t][p]`: how many samples with true label `labels[t]` were predicted `labels[p]`.
  public private(set) var counts: [[Int]]

  /// An empty matrix over `labels` (sorted and deduplicated here).
  public init(labels: some Sequence<String>) {
    self.labels = Array(Set(labels)).sorted()
    counts = Array(repeating: Array(repeating: 0, count: self.labels.count), count: self.labels.count)
  }

  /// A matrix over the union of both label lists, filled from aligned pairs.
  public init(trueLabels: [String], predictedLabels: [String], labels extra: [String] = []) {
    precondition(trueLabels.count == predictedLabels.count, "label lists must be aligned")
    self.init(labels: trueLabels + predictedLabels + extra)
    let position = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    for (t, p) in zip(trueLabels, predictedLabels) {
      counts[position[t]!][position[p]!] += 1
    }
  }

  /// The number of samples counted.
  public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// The number of samples whose prediction equals the true label.
  public var correct: Int { labels.indices.reduce(0) { $0 + counts[$1][$1] } }

  /// Samples whose true label is `labels[index]` (row sum).
  public func support(_ index: Int) -> Int { counts[index].reduce(0, +) }

  /// Samples predicted as `labels[index]` (column sum).
  public func predictedCount(_ index: Int) -> Int { counts.reduce(0) { $0 + $1[index] } }

  /// Adds another matrix's counts, widening the label list as needed.
  public func adding(_ other: ConfusionMatrix) -> ConfusionMatrix {
    var sum = ConfusionMatrix(labels: labels + other.labels)
    let position = Dictionary(uniqueKeysWithValues: sum.labels.enumerated().map { ($1, $0) })
    for matrix in [self, other] {
      for (t, row) in matrix.counts.enumerated() {
        for (p, n) in row.enumerated() {
          sum.counts[position[matrix.labels[t]]!][position[matrix.labels[p]]!] += n
        }
      }
    }
    return sum
  }
}
