import ArgumentParser
import StanceKit

/// `stance classify`: labels records, or articles passage by passage and as a whole.
struct Classify: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Label texts with a trained model: JSONL records, or articles passage by passage.",
    discussion: """
      With --input jsonl each line {"id": ..., "text": "..."} gives one output line \
      {"id", "label", "probabilities": {label: p}}. Any other file is an article (HTML or \
      plain text, gzip allowed): every passage is labelled, and the article's verdict comes \
      from the passages that argue (headings and neutral passages do not vote): the sum of \
      their restraint-vs-engagement log-odds gives restraint (at or above +margin, 1 nat by \
      default), engagement (at or below -margin), unclear (arguments within the margin) or \
      no-argument (no passage argues). \
      Models without restraint and engagement labels get the probability-weighted vote of \
      the non-heading passages instead.

      --format html writes one self-contained page (no scripts) for all the articles: \
      passages tinted by label with their probabilities and top n-grams, and each article's \
      verdict.

      Directories are walked recursively in sorted order, skipping hidden files; "-" reads \
      standard input. A file that fails is reported on standard error with its path and the \
      reason, the others go on, and the exit status is then 65.
      """)

  @OptionGroup var modelOption: ModelFileOption

  @Option(help: "Output format (default: jsonl for JSONL input, text otherwise).")
  var format: ClassifyJob.Format?

  @OptionGroup var outputOptions: OutputOptions
  @OptionGroup var inputOptions: InputOptions

  @Option(help: "Threads scoring JSONL records at once (output order does not change).")
  var jobs: Int = 1

  @Option(help: ArgumentHelp("Summed log-odds (nats) an article's arguing passages must reach for a restraint or engagement verdict; below it the article is unclear.", valueName: "nats"))
  var unclearMargin: Double = ArticleStanceRule().margin

  @Argument(help: ArgumentHelp("Files, directories or - for standard input.", valueName: "path"))
  var paths: [String] = []

  func validate() throws {
    if paths.isEmpty && inputOptions.urls.isEmpty { throw ValidationError("give at least one file, directory, URL or -") }
    if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
    try validateJobs(jobs)
    guard unclearMargin >= 0, unclearMargin.isFinite else { throw ValidationError("--unclear-margin must be a number of nats, 0 or more") }
  }

  func run() throws {
    var job = ClassifyJob()
    job.model = modelOption.model
    job.format = format
    job.output = outputOptions.output
    job.reading = inputOptions.readOptions
    job.jobs = jobs
    job.rule.margin = unclearMargin
    try perform { try job.run(paths, console: $0) }
  }
}
