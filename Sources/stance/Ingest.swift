import ArgumentParser
import StanceKit

/// `stance ingest`: extract article text and metadata from HTML or plain-text files.
struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Extract the main text and metadata of HTML or plain-text articles.",
    discussion: """
      Inputs may be files (HTML, text, or gzip of either, whatever the name), directories \
      (walked recursively in sorted order, skipping hidden files), JSON Lines records \
      {"id", "text"} whose texts are ingested one by one, or - for standard input. A failing \
      input is reported on standard error with its path and the reason; the others still run, \
      and the exit status is then 65.

      Plain text: paragraphs are separated by blank lines or line breaks; a short first line \
      that does not end in a period is the title (metadata, not a passage), and short lines \
      between paragraphs are headings. Credits, bylines, author bios, image slugs, repeated \
      lines and "More from …" lists are dropped, as they are from HTML.
      """)

  @Option(help: "Output format: text (passages separated by a blank line), json (one pretty object per input) or jsonl (one object per line).")
  var format: IngestJob.Format = .text

  @Option(help: "Inputs processed in parallel; output order stays the input order.")
  var jobs: Int = 1

  @OptionGroup var inputOptions: InputOptions
  @OptionGroup var outputOptions: OutputOptions
  @OptionGroup var progressOptions: ProgressOptions

  @Argument(help: "Files, directories, or - for standard input.")
  var inputs: [String] = []

  func validate() throws {
    try validateJobs(jobs)
    guard !inputs.isEmpty || !inputOptions.urls.isEmpty else { throw ValidationError("give at least one file, directory, URL or -") }
    if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
  }

  func run() throws {
    var job = IngestJob()
    job.format = format
    job.jobs = jobs
    job.reading = inputOptions.readOptions
    job.output = outputOptions.output
    job.quiet = progressOptions.quiet
    try perform { try job.run(inputs, console: $0) }
  }
}
