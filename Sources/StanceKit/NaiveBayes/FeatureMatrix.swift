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
  /// Document `d`'s features are `features[rowStarts[d]..<rowStarts[d + 1]]`, in first-occurrence order.
  private let rowStarts: [Int]
  /// Vocabulary index of each stored entry.
  private let features: [Int32]
  /// The count each entry contributes (`PassageCounting`).
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

    // Occurrences become (vocabulary index, count) rows in first-occurrence order, as
    // `Scorer.features(of:)` gives them.
    let counting = PassageCounting(options: options)
    var rowStarts = [0]
    rowStarts.reserveCapacity(examples.count + 1)
    var features: [Int32] = []
    var values: [UInt32] = []
    var row: [Int32] = []
    var tally = Tally()
    let occurrences = counter.occurrences
    let starts = counter.documentStarts
    let featureOfID = lookup.featureOfID
    for document in examples.indices {
      row.removeAll(keepingCapacity: true)
      for id in occurrences[starts[document]..<starts[document + 1]] {
        row.append(featureOfID[Int(id)])
      }
      row.withUnsafeBufferPointer { tally.count($0) }
      for (feature, count) in zip(tally.ids, tally.counts) {
        features.append(feature)
        values.append(counting.count(count, holdingMark: lookup.featureHasMark[Int(feature)]))
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
    let slot = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    let target = self.labels.map { Int32(slot[$0] ?? -1) }
    // The total's cells hold every (feature, label) any subset can count: start from the total
    // and take the other documents out when that is less work, else from zero and add.
    var result = total
    if documents.count * 2 > documentCount {
      var included = [Bool](repeating: false, count: documentCount)
      for document in documents { included[document] = true }
      for document in 0..<documentCount where !included[document] { accumulate(document, into: &result, sign: -1) }
    } else {
      result.cellCounts = [Double](repeating: 0, count: total.cellCounts.count)
      result.documentCounts = [Double](repeating: 0, count: self.labels.count)
      result.exampleCount = 0
      result.digest = 0
      for document in documents { accumulate(document, into: &result, sign: 1) }
    }
    var documentCounts = [Double](repeating: 0, count: labels.count)
    for (label, count) in result.documentCounts.enumerated() where count != 0 {
      precondition(target[label] >= 0, "a document's label must be among the counted labels")
      documentCounts[Int(target[label])] = count
    }
    result.labels = labels
    result.documentCounts = documentCounts
    result.dropZeroCells(relabel: target)
    return result
  }

  /// Adds (`sign` 1) or removes (-1) document `document`'s counts; `counts` is over `total`'s labels and cells.
  private func accumulate(_ document: Int, into counts: inout NaiveBayesCounts, sign: Double) {
    let label = Int32(labelOfDocument[document])
    counts.documentCounts[Int(label)] += sign
    for entry in rowStarts[document]..<rowStarts[document + 1] {
      let feature = Int(features[entry])
      var cell = total.rowStarts[feature]
      while total.cellLabels[cell] != label { cell += 1 }
      counts.cellCounts[cell] += sign * Double(values[entry])
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
    guard !counts.cellCounts.isEmpty else { throw NaiveBayesError.noUsableText }
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
