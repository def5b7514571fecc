import ArgumentParser
import StanceKit

/// `stance explain`: shows what a model learned, or why it labelled each passage as it did.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show a model's most indicative n-grams, or the n-grams behind each passage's label.",
    discussion: """
      Without INPUT: for each label c, the n-grams f with the highest log-likelihood ratio \
      log P(f|c) - log P(f|not c), where "not c" pools every other label (with two labels: the \
      other label) and both are smoothed with the model's alpha (token counts for multinomial and \
      complement models, document counts for Bernoulli).

      With INPUT (a page, a text file, JSON Lines records, or - for standard input; read as \
      `classify` reads it, passages numbered as `classify` numbers them): for the predicted \
      label c1 against the runner-up c2, each n-gram f contributes \
      count(f) * (w(f,c1) - w(f,c2)), where w is log θ(f|c) for multinomial and -log θ(f|not c) \
      for complement models. For Bernoulli models a present n-gram contributes \
      log p(f|c1) - log p(f|c2), and all absent n-grams together contribute the sum of \
      log(1-p(f|c1)) - log(1-p(f|c2)) as one "(absent features)" entry. Contributions plus the \
      prior term (log prior(c1) - log prior(c2); 0 for complement) add up to the uncalibrated \
      log-odds log P(c1|x) - log P(c2|x); a calibrated model's log-odds are that divided by its \
      temperature T.
      """)

  @OptionGroup var modelOption: ModelFileOption

  @Option(help: "How many n-grams to show per label or passage (0 = all).")
  var top = 10

  @Option(help: "Output format.")
  var format: ExplainJob.Format = .text

  @OptionGroup var inputOptions: InputOptions
  @OptionGroup var outputOptions: OutputOptions

  @Argument(help: "Pages, text or JSONL files, directories, or - for standard input.")
  var inputs: [String] = []

  func validate() throws {
    if top < 0 { throw ValidationError("--top must be 0 or more") }
    if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
  }

  func run() throws {
    var job = ExplainJob()
    job.model = modelOption.model
    job.top = top
    job.format = format
    job.reading = inputOptions.readOptions
    job.output = outputOptions.output
    try perform { try job.run(inputs, console: $0) }
  }
}
