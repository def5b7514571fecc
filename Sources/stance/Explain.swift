import ArgumentParser

// Placeholder until the subcommand lands; it fails loudly rather than pretending.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "explain", abstract: "(not yet implemented)")
  func run() throws {
    printError("stance explain: not implemented yet")
    throw Exit.failure
  }
}
