import ArgumentParser

// Placeholder until the subcommand lands; it fails loudly rather than pretending.
struct Evaluate: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "evaluate", abstract: "(not yet implemented)")
  func run() throws {
    printError("stance evaluate: not implemented yet")
    throw Exit.failure
  }
}
