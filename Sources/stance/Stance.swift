import ArgumentParser
import StanceKit

/// The `stance` command: reads foreign-policy op-eds and labels their stance.
@main
struct Stance: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stance",
    abstract: "Label foreign-policy op-eds as arguing restraint or engagement.",
    discussion: """
      Exit codes: 0 success; 1 runtime failure or an evaluation gate not met; \
      64 usage error; 65 bad input data.
      """,
    version: "0.1.0",
    subcommands: [
      Ingest.self, Train.self, Evaluate.self, Classify.self, Explain.self, Merge.self,
    ])

  static func main() {
    ProcessMemory.keepFreedMemory()
    main(nil)
  }
}
