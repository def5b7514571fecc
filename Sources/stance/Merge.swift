import ArgumentParser

// Placeholder until the subcommand lands; it fails loudly rather than pretending.
struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "merge", abstract: "(not yet implemented)")
  func run() throws {
    printError("stance merge: not implemented yet")
    throw Exit.failure
  }
}
