/// Every document's features, counted once under one shared dictionary.
///
/// Cross-validation and calibration train many models on overlapping subsets of one data set.
/// Tokenising each document once and building every model by adding or subtracting per-document
/// counts gives the same predictions as training on each subset from its texts, without reading
/// any text twice. A subset's model keeps the whole vocabulary, with other documents' n-grams at
/// zero count; zero-count features carry no weight (`Scorer` skips them), so it predicts exactly
/// like a model trained from that subset's texts. Save models trained by `NaiveBayesModel(training:options:)`.
struct FeatureMatrix: Sendable {
  let options: TrainingOptions
  /// Every label of the documents, sorted by bytes.
  let labels: [String]
  /// Label index (into `labels`) of each document.
  let labelOfDocument: [Int]
  /// `NaiveBayesCounts.digest(of:)` of each document.
  let digestOfDocument: [UInt64]
  /// Counts of all documents together (labels `labels`, the shared vocabulary).
  let total: NaiveBayesCounts
  let lookup: FeatureLookup
  /// Document `d`'s features are `features[rowStarts[d]..<rowStarts[d + 1]]`, ascending.
  private let rowStarts: [Int]
  /// Vocabulary index of each stored entry.
  private let features: [Int32]
  /// The count each entry contributes: 1 for presence counts and n-grams holding a mark.
  private let values: [UInt32]

  /// Counts `examples`; throws `NaiveBayesError.invalidOptions` for unusable options.
  init(examples: [TrainingExample], options: TrainingOptions) throws {
    if let problem = options.problem { throw NaiveBayesError.invalidOptions(problem) }
    let labels = NaiveBayesModel.sortedLabels(examples)
    var counter = FeatureCounter(options: options, labels: labels, recordsDocuments: true)
    for example in examples { counter.add(example) }
    let (total, lookup) = counter.finish()
    let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    self.options = options
    self.labels = labels
    self.labelOfDocument = examples.map { labelIndex[$0.label]! }
    self.digestOfDocument = counter.documentDigests
    self.total = total
    self.lookup = lookup

    // Occurrences become (vocabulary index, count) rows: sort each document's ids, then run-length
    // (the counter recorded presence-counted n-grams once, so their runs have length 1).
    let presence = options.countsPresence
    var rowStarts = [0]
    rowStarts.reserveCapacity(examples.count + 1)
    var features: [Int32] = []
    var values: [UInt32] = []
    var row: [Int32] = []
    let occurrences = counter.occurrences
    let starts = counter.documentStarts
    let featureOfID = lookup.featureOfID
    for document in examples.indices {
      row.removeAll(keepingCapacity: true)
      for id in occurrences[starts[document]..<starts[document + 1]] {
        row.append(featureOfID[Int(id)])
      }
      row.sort()
      var index = 0
      while index < row.count {
        var end = index + 1
        while end < row.count && row[end] == row[index] { end += 1 }
        let feature = row[index]
        features.append(feature)
        // N-grams holding a mark count once per document, as in `FeatureCounter`.
        values.append(presence || lookup.featureHasMark[Int(feature)] ? 1 : UInt32(end - index))
        index = end
      }
      rowStarts.append(features.count)
    }
    self.rowStarts = rowStarts
    self.features = features
    self.values = values
  }

  /// How many documents the matrix holds.
  var documentCount: Int { labelOfDocument.count }

  /// The counts of `documents` alone, over the labels `labels` (a subset of the matrix's, holding
  /// every label of `documents`) and the whole vocabulary.
  func counts(of documents: [Int], labels: [String]) -> NaiveBayesCounts {
    let size = total.vocabulary.count
    let slot = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    let target = self.labels.map { slot[$0] ?? -1 }
    var result = NaiveBayesCounts(
      labels: labels, vocabulary: total.vocabulary,
      documentCounts: Array(repeating: 0, count: labels.count),
      featureCounts: Array(repeating: 0, count: labels.count * size), exampleCount: 0, digest: 0)
    if documents.count * 2 > documentCount && labels == self.labels {
      // Most documents: start from the total and take the others out.
      result.featureCounts = total.featureCounts
      result.documentCounts = total.documentCounts
      result.exampleCount = total.exampleCount
      result.digest = total.digest
      var included = [Bool](repeating: false, count: documentCount)
      for document in documents { included[document] = true }
      for document in 0..<documentCount where !included[document] {
        accumulate(document, into: &result, label: target[labelOfDocument[document]], sign: -1)
      }
    } else {
      for document in documents {
        accumulate(document, into: &result, label: target[labelOfDocument[document]], sign: 1)
      }
    }
    return result
  }

  private func accumulate(_ document: Int, into counts: inout NaiveBayesCounts, label: Int, sign: Double) {
    precondition(label >= 0, "a document's label must be among the counted labels")
    let base = label * counts.vocabulary.count
    counts.documentCounts[label] += sign
    counts.featureCounts.withUnsafeMutableBufferPointer { counts in
      for entry in rowStarts[document]..<rowStarts[document + 1] {
        counts[base + Int(features[entry])] += sign * Double(values[entry])
      }
    }
    if sign > 0 {
      counts.exampleCount += 1
      counts.digest = counts.digest &+ digestOfDocument[document]
    } else {
      counts.exampleCount -= 1
      counts.digest = counts.digest &- digestOfDocument[document]
    }
  }

  /// The model trained on `documents`: the same predictions as `NaiveBayesModel(training:options:)`
  /// on their examples, and the same errors.
  func model(training documents: [Int]) throws -> NaiveBayesModel {
    var present = [Bool](repeating: false, count: labels.count)
    for document in documents { present[labelOfDocument[document]] = true }
    let labels = self.labels.indices.filter { present[$0] }.map { self.labels[$0] }
    guard labels.count >= 2 else { throw NaiveBayesError.tooFewLabels(found: labels) }
    let counts = counts(of: documents, labels: labels)
    guard counts.featureCounts.contains(where: { $0 != 0 }) else { throw NaiveBayesError.noUsableText }
    return NaiveBayesModel(counts: counts, options: options, lookup: lookup)
  }

  /// Fits `model`'s temperature on out-of-fold scores of `documents` (see `calibrate(on:folds:)`).
  ///
  /// The model for fold k is trained on the other folds' documents, over `model`'s labels, which
  /// must include every label of `documents`.
  func calibrate(_ model: inout NaiveBayesModel, documents: [Int], folds: [Int]) throws {
    precondition(documents.count == folds.count, "one fold number per document")
    let foldNumbers = Array(Set(folds)).sorted()
    guard foldNumbers.count >= 2 else {
      throw NaiveBayesError.invalidCalibration("need at least 2 folds, got \(foldNumbers.count)")
    }
    let base = counts(of: documents, labels: model.labels)
    let labelIndex = Dictionary(uniqueKeysWithValues: model.labels.enumerated().map { ($1, $0) })
    var scores: [[Double]] = []
    var truth: [Int] = []
    scores.reserveCapacity(documents.count)
    truth.reserveCapacity(documents.count)
    for fold in foldNumbers {
      let held = zip(documents, folds).filter { $0.1 == fold }.map(\.0)
      let part = counts(of: held, labels: model.labels)
      let foldModel = NaiveBayesModel(counts: base.subtracting(part), options: options, lookup: lookup)
      for document in held {
        scores.append(LogSpace.normalized(jointLogLikelihood(of: document, by: foldModel)))
        truth.append(labelIndex[labels[labelOfDocument[document]]]!)
      }
    }
    model.temperature = NaiveBayesModel.fitTemperature(logProbabilities: scores, truth: truth)
    model.isCalibrated = true
  }

  /// Per-label scores of document `document` by `model`, which must share this matrix's lookup.
  func jointLogLikelihood(of document: Int, by model: NaiveBayesModel) -> [Double] {
    let range = rowStarts[document]..<rowStarts[document + 1]
    return model.scorer.jointLogLikelihood(vocabularyFeatures: features[range], counts: values[range])
  }

  /// `model`'s prediction for document `document`, as `model.predict` gives it for the text.
  func prediction(of document: Int, by model: NaiveBayesModel) -> Prediction {
    model.prediction(jointLogLikelihood: jointLogLikelihood(of: document, by: model), temperature: model.temperature)
  }
}
