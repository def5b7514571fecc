import ArgumentParser

// Placeholder until the subcommand lands; it fails loudly rather than pretending.
struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "ingest", abstract: "(not yet implemented)")
  func run() throws {
    printError("stance ingest: not implemented yet")
    throw Exit.failure
  }
}
