import ArgumentParser

// Placeholder until the subcommand lands; it fails loudly rather than pretending.
struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "train", abstract: "(not yet implemented)")
  func run() throws {
    printError("stance train: not implemented yet")
    throw Exit.failure
  }
}
