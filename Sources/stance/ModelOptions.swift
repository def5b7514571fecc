import ArgumentParser
import StanceKit

extension NaiveBayesVariant: ExpressibleByArgument {}

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

/// The training flags shared by `train` and `evaluate --cross-validate`.
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

  /// The library options these flags describe.
  var trainingOptions: TrainingOptions {
    TrainingOptions(
      variant: variant, alpha: alpha, fitPrior: !uniformPrior,
      features: FeatureOptions(
        ngramRange: ngramRange.range, binary: binary, negation: negation, stopWords: stopWords,
        minCount: minCount))
  }

  /// Whether every flag still has its default value.
  var isDefault: Bool { trainingOptions == TrainingOptions() }

  func validate() throws {
    if let problem = trainingOptions.problem { throw ValidationError(problem) }
  }
}
