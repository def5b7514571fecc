import ArgumentParser
import StanceKit

/// The `stance` command: reads foreign-policy op-eds and labels their stance.
@main
struct Stance: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stance",
    abstract: "Label foreign-policy op-eds as arguing restraint or engagement.",
    discussion: """
      Exit codes: 0 success; 1 runtime failure (an output that cannot be written) or an \
      evaluation gate not met; 64 usage error; 65 bad input data (a missing, unreadable or \
      malformed input, corpus or model). Every error is one line on standard error: \
      "stance COMMAND: FILE[:LINE]: reason".
      """,
    version: StanceKit.version,
    subcommands: [
      Ingest.self, Train.self, Evaluate.self, Classify.self, Explain.self, Merge.self,
    ])

  static func main() {
    ProcessMemory.keepFreedMemory()
    main(nil)
  }
}

extension ParsableCommand {
  /// Runs a StanceKit job under this command's name and exits with the status it reached.
  func perform(_ body: (Console) throws -> Void) throws {
    let status = Console.run(Self._commandName, body)
    if status != .success { throw ExitCode(status.rawValue) }
  }
}
