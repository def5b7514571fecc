import ArgumentParser
import StanceKit

extension NaiveBayesVariant: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension IngestJob.Format: ExpressibleByArgument {}
extension ClassifyJob.Format: ExpressibleByArgument {}
extension ExplainJob.Format: ExpressibleByArgument {}

/// An n-gram length range written `MIN...MAX` (or a single `N`).
struct NGramRange: ExpressibleByArgument, Hashable, CustomStringConvertible {
  /// The lengths.
  var range: ClosedRange<Int>

  init(_ range: ClosedRange<Int>) {
    self.range = range
  }

  init?(argument: String) {
    let parts = argument.split(separator: ".", omittingEmptySubsequences: true)
    let separatorOK = parts.count == 1 || argument.contains("...")
    guard separatorOK, (1...2).contains(parts.count),
      let low = Int(parts[0]), let high = Int(parts[parts.count - 1]), low <= high
    else { return nil }
    range = low...high
  }

  var description: String { "\(range.lowerBound)...\(range.upperBound)" }
  var defaultValueDescription: String { description }
}

/// The training flags shared by `train` and `evaluate`.
struct ModelOptions: ParsableArguments {
  @Option(help: "Naive Bayes event model.")
  var variant: NaiveBayesVariant = .multinomial

  @Option(help: "Additive smoothing (Lidstone alpha), greater than 0.")
  var alpha: Double = 1.0

  @Option(help: ArgumentHelp("Word n-gram lengths as MIN...MAX, e.g. 1...2.", valueName: "min...max"))
  var ngramRange: NGramRange = NGramRange(1...1)

  @Flag(help: "Count each n-gram once per passage (presence); Bernoulli always does.")
  var binary = false

  @Flag(help: "Prefix words after not/no/never/n't with NOT_ up to the next . , : ; ! ?")
  var negation = false

  @Flag(help: "Drop English function words (negators are kept).")
  var stopWords = false

  @Option(help: "Ignore n-grams seen fewer than N times in training.")
  var minCount: Int = 1

  @Flag(help: "Give every label the same prior instead of fitting label frequencies.")
  var uniformPrior = false

  @Option(help: "Seed of every fold assignment (calibration's inner folds, cross-validation).")
  var seed: UInt64 = Trainer.defaultSeed

  /// The library options these flags describe.
  var trainingOptions: TrainingOptions {
    TrainingOptions(
      variant: variant, alpha: alpha, fitPrior: !uniformPrior,
      features: FeatureOptions(
        ngramRange: ngramRange.range, binary: binary, negation: negation, stopWords: stopWords,
        minCount: minCount))
  }

  /// Whether every training flag still has its default value.
  var isDefault: Bool { trainingOptions == TrainingOptions() }

  func validate() throws {
    if let problem = trainingOptions.problem { throw ValidationError(problem) }
  }
}

/// The `--quiet` flag of commands that draw a progress bar.
struct ProgressOptions: ParsableArguments {
  @Flag(help: "Draw no progress bar on standard error (none is drawn unless it is a terminal).")
  var quiet = false
}

/// `-o FILE`, written the same way by every command.
struct OutputOptions: ParsableArguments {
  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp(
      "Write the result here (atomically for files; devices and FIFOs in place) instead of standard output.",
      valueName: "file"))
  var output: String?
}

/// `--model FILE` of the commands that apply a trained model.
struct ModelFileOption: ParsableArguments {
  @Option(help: ArgumentHelp("The trained model file (default: the bundled models/default.stance, or $STANCE_MODEL).", valueName: "file"))
  var model: String?
}

/// How inputs are read and how large they may be.
struct InputOptions: ParsableArguments {
  @Option(help: "How to read the inputs: auto (.jsonl/.ndjson are records, .warc/.warc.gz are crawls, anything else an article), jsonl, text (blank-line paragraphs), html (the ingester) or warc (needed for a crawl on standard input).")
  var input: InputFormat = .auto

  @Option(help: "Largest accepted input in bytes, also after gzip inflation: per file or page, per line of JSON Lines (read as a stream, so a JSONL file may be of any size).")
  var maxBytes: Int = 32 << 20

  @Option(help: ArgumentHelp("Also read the http(s) URLs listed in FILE, one per line (# comments).", valueName: "file"))
  var urls: [String] = []

  @Option(help: ArgumentHelp("Seconds a URL may take in all, redirects included.", valueName: "seconds"))
  var timeout: Double = FetchOptions().timeout

  @Option(help: ArgumentHelp("Seconds to wait for a connection, or for more bytes, from a URL.", valueName: "seconds"))
  var connectTimeout: Double = FetchOptions().connectTimeout

  func validate() throws {
    guard maxBytes >= 1 else { throw ValidationError("--max-bytes must be at least 1") }
    guard timeout > 0, connectTimeout > 0 else { throw ValidationError("--timeout and --connect-timeout must be above 0") }
  }

  /// The library options these flags describe.
  var readOptions: ReadOptions {
    var options = ReadOptions()
    options.format = input
    options.maxBytes = maxBytes
    options.urlLists = urls
    options.fetch.timeout = timeout
    options.fetch.connectTimeout = connectTimeout
    return options
  }
}

/// Checks a `--jobs` value.
func validateJobs(_ jobs: Int) throws {
  if jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
}
