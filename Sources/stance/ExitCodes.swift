import ArgumentParser

/// The tool's exit statuses, in one place (see `stance --help`).
enum Exit {
  /// A runtime failure, or an evaluation gate that was not met.
  static let failure = ExitCode(1)
  /// Bad command-line usage (EX_USAGE).
  static let usage = ExitCode(64)
  /// Bad input data: a corpus, model or document that cannot be read (EX_DATAERR).
  static let dataError = ExitCode(65)
}
