import ArgumentParser

// Placeholder until the subcommand lands; it fails loudly rather than pretending.
struct Classify: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "classify", abstract: "(not yet implemented)")
  func run() throws {
    printError("stance classify: not implemented yet")
    throw Exit.failure
  }
}
