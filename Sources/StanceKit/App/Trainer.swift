import Foundation

/// Trains the models of every command (`train`, `evaluate --test`, each cross-validation fold)
/// the same way: the training options, calibration and one seed policy as a value.
public struct Trainer: Sendable {
  /// The seed of fold assignments (calibration's inner folds, cross-validation) when none is given.
  public static let defaultSeed: UInt64 = 20_260_101
  /// Inner folds that fit a model's calibration temperature when none are given.
  public static let defaultCalibrationFolds = 5

  /// The training options.
  public var options: TrainingOptions
  /// Whether each model gets a softmax temperature fitted on out-of-fold predictions.
  public var calibrate: Bool
  /// Inner folds for calibration.
  public var calibrationFolds: Int
  /// The seed of every fold assignment.
  public var seed: UInt64
  /// Threads counting one model's features (the model does not depend on it).
  public var jobs: Int

  /// A trainer; every argument has the default the CLI documents.
  public init(
    options: TrainingOptions = TrainingOptions(), calibrate: Bool = false,
    calibrationFolds: Int = Trainer.defaultCalibrationFolds, seed: UInt64 = Trainer.defaultSeed, jobs: Int = 1
  ) {
    self.options = options
    self.calibrate = calibrate
    self.calibrationFolds = calibrationFolds
    self.seed = seed
    self.jobs = jobs
  }

  /// Trains (and, when asked, calibrates) one model on `passages`.
  public func train(_ passages: [LabelledPassage], progress: Progress? = nil) throws -> NaiveBayesModel {
    let examples = passages.map(\.example)
    progress?.phase("training")
    var model = try NaiveBayesModel(training: examples, options: options, jobs: jobs)
    progress?.advance()
    if calibrate {
      progress?.phase("calibrating")
      try model.calibrate(on: examples, folds: calibrationFolds(passages))
      progress?.advance()
    }
    return model
  }

  /// Text per batch when training from a stream. Each batch is counted and added to the running
  /// counts (as `--update` adds), so memory holds one batch and the counts, never the corpus
  /// (200 MB of text, unigrams: 610 MB peak read whole, 180 MB in 16 MiB batches). With longer
  /// n-grams the counts themselves dominate memory and adding their large vocabularies costs
  /// time (1-2-grams, same corpus: 7.6 s in one batch, 17.8 s in 16 MiB batches), so batches are
  /// larger.
  static func streamingBatchBytes(_ options: TrainingOptions) -> Int {
    options.features.ngramRange.upperBound > 1 ? 1 << 28 : 1 << 24
  }

  /// Text read and tokenised at a time within a batch.
  static let readingBytes = 1 << 24

  /// The sizes of the files at `paths` added up (0 for what cannot be read), through symbolic
  /// links: a link's own size (a few bytes) reserved no room for the ids, which then grew by
  /// doubling and left each old array's pages behind (80 MB more peak for a linked corpus).
  static func fileBytes(_ paths: [String]) -> Int {
    paths.reduce(0) { total, path in
      let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
      return total + ((try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0)
    }
  }

  /// Trains one uncalibrated model on the corpora at `paths`, read as a stream a batch at a time;
  /// the model is byte for byte the one `train(_:)` gives (calibration needs every passage in
  /// memory: use `train(_:)`).
  public func train(streaming paths: [String], console: Console, progress: Progress? = nil) throws -> NaiveBayesModel {
    try train(streaming: paths, batchBytes: Self.streamingBatchBytes(options), console: console, progress: progress)
  }

  func train(
    streaming paths: [String], batchBytes: Int, readBytes: Int = Trainer.readingBytes, console: Console,
    progress: Progress? = nil
  ) throws -> NaiveBayesModel {
    precondition(!calibrate, "calibration needs the passages in memory")
    if let problem = options.problem { throw NaiveBayesError.invalidOptions(problem) }
    var counts: NaiveBayesCounts?
    // A batch is read and tokenised a part at a time, so its texts never all sit in memory beside
    // their token ids (200 MB of text as strings: 225 MB). A batch of several parts gives its ids
    // room for all of them at once: grown in steps, each step's old array would stay with the
    // process (`ProcessMemory`); a batch of one part reserves only its own.
    let tokenizer = Tokenizer(options: options.features)
    let readBytes = min(batchBytes, readBytes)
    let fileBytes = Self.fileBytes(paths)
    var batch: TokenizedCorpus?  // made when its first part is read, so nothing sits in the gap it leaves
    var batchText = 0
    var labelNames: [String] = []  // in order of first appearance in the batch
    var labelIndex: [String: Int32] = [:]
    func countBatch() {
      guard var corpus = batch, corpus.documentCount > 0 else { return }
      batch = nil
      let order = ByteOrder.sortedIndices(labelNames)
      var rank = [Int32](repeating: 0, count: order.count)
      for (position, index) in order.enumerated() { rank[index] = Int32(position) }
      corpus.relabel(rank)
      // The batch goes while it is counted (`SortedCounting`), before the counts are added, which
      // then reuse its memory.
      let part = FeatureCounter.counts(consume corpus, labels: order.map { labelNames[$0] }, options: options, jobs: jobs)
      (batchText, labelNames, labelIndex) = (0, [], [:])
      counts = counts.map { $0.adding(part) } ?? part
    }
    try CommandData.forEachBatch(
      paths, skipEmpty: true, batchBytes: readBytes, console: console, progress: progress
    ) { passages in
      let examples = passages.map(\.example)
      if batch == nil {
        batch = TokenizedCorpus()
        if batchBytes > readBytes { batch!.reserveCapacity(textBytes: min(batchBytes + readBytes, fileBytes)) }
      }
      for example in examples where labelIndex[example.label] == nil {
        labelIndex[example.label] = Int32(labelNames.count)
        labelNames.append(example.label)
      }
      batch!.append(examples, labelIndex: labelIndex, tokenizer: tokenizer, jobs: jobs)
      batchText += examples.reduce(0) { $0 + $1.text.utf8.count }
      if batchText >= batchBytes { countBatch() }
    }
    countBatch()
    progress?.phase("training")
    guard let counts, counts.labels.count >= 2 else { throw NaiveBayesError.tooFewLabels(found: counts?.labels ?? []) }
    guard !counts.vocabulary.isEmpty else { throw NaiveBayesError.noUsableText }
    // No lookup: the model is written, not scored (`LazyScorer` builds one if it ever is).
    let model = NaiveBayesModel(counts: counts, options: options)
    progress?.advance()
    return model
  }

  /// The inner folds that calibrate a model trained on `passages`: grouped, stratified, seeded.
  public func calibrationFolds(_ passages: [LabelledPassage]) -> [Int] {
    Folds.assign(
      count: passages.count, groups: passages.map(\.group), labels: passages.map(\.label),
      k: calibrationFolds, seed: seed)
  }

  /// The `k` cross-validation folds of `passages`: grouped, stratified, seeded.
  public func folds(_ passages: [LabelledPassage], k: Int) throws -> [Int] {
    let groups = passages.map(\.group)
    let units = Folds.unitCount(groups: groups)
    if units < k { throw FoldsError.tooFewUnits(units: units, folds: k) }
    return Folds.assign(count: passages.count, groups: groups, labels: passages.map(\.label), k: k, seed: seed)
  }

  /// Cross-validates over `passages` with the given fold of each; every fold's model is trained
  /// (and calibrated) by this trainer's rules.
  public func crossValidate(
    _ passages: [LabelledPassage], folds: [Int], jobs: Int, foldTrained: (@Sendable () -> Void)? = nil
  ) throws -> CrossValidationResult {
    let trainer = self
    var calibration: (@Sendable ([Int]) -> [Int])? = nil
    if calibrate {
      calibration = { indices in trainer.calibrationFolds(indices.map { passages[$0] }) }
    }
    return try CrossValidation.runNaiveBayes(
      examples: passages.map(\.example), folds: folds, options: options, jobs: jobs,
      calibrationFolds: calibration, foldTrained: foldTrained)
  }
}

/// Reading what commands train and score on: corpora (warnings on the console) and models.
public enum CommandData {
  /// Most corpora repeat a few texts; past this many warnings the rest are summarised in one line.
  public static let warningsShown = 20

  /// The passages of every corpus in order. Passages whose text is only whitespace are kept
  /// for scoring (they count as errors) and, with `skipEmpty`, skipped with a warning (training).
  public static func passages(_ paths: [String], skipEmpty: Bool, console: Console, progress: Progress? = nil) throws
    -> [LabelledPassage]
  {
    var passages: [LabelledPassage] = []
    try forEachBatch(paths, skipEmpty: skipEmpty, console: console, progress: progress) { passages += $0 }
    return passages
  }

  /// Reads every corpus in order, a batch of passages at a time (JSON Lines files as a stream),
  /// warning as `passages` does; at least one passage must be read.
  static func forEachBatch(
    _ paths: [String], skipEmpty: Bool, batchBytes: Int = 1 << 24, console: Console, progress: Progress? = nil,
    _ body: ([LabelledPassage]) throws -> Void
  ) throws {
    var total = 0
    for path in paths {
      let corpus = try CorpusStream(path: path, batchBytes: batchBytes)
      var warned = 0
      while let (batch, warnings) = try corpus.next() {
        for warning in warnings {
          warned += 1
          if warned <= warningsShown { console.warn(warning.message, file: warning.file, line: warning.line) }
        }
        var kept = batch
        if skipEmpty {
          kept.removeAll { passage in
            guard passage.text.allSatisfy(\.isWhitespace) else { return false }
            console.warn("empty text skipped", file: path, line: passage.line)
            return true
          }
        }
        total += kept.count
        try body(kept)
      }
      if warned > warningsShown {
        console.warn("\(warned - warningsShown) more warnings not shown", file: path)
      }
      progress?.advance()
    }
    if total == 0 {
      throw CommandFailure(.dataError, file: paths.count == 1 ? paths[0] : nil, "no labelled passages")
    }
  }

  /// The model at `path`, or the bundled default model when `path` is nil.
  public static func model(_ path: String?) throws -> NaiveBayesModel {
    try NaiveBayesModel(contentsOf: try path ?? DefaultModel.path())
  }

  /// The model at `path`, or the bundled default, read for scoring only (`init(scoringContentsOf:)`).
  public static func scoringModel(_ path: String?) throws -> NaiveBayesModel {
    try NaiveBayesModel(scoringContentsOf: try path ?? DefaultModel.path())
  }
}
