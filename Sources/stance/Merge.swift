import ArgumentParser
import StanceKit

/// `stance merge`: adds up models trained on shards of the data.
struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge models trained on different shards into one.",
    discussion: """
      The result equals a model trained on all the shards' data at once (byte for byte). All \
      models must have the same training options; their label sets are united. Calibration is \
      dropped (retrain with --calibrate to refit it). Exit 65 when a model cannot be read or the \
      options differ.
      """)

  @Option(name: .shortAndLong, help: "Merged model file to write.")
  var output: String

  @Argument(help: "Model files to merge (at least two).")
  var models: [String]

  func validate() throws {
    if models.count < 2 { throw ValidationError("give at least two model files to merge") }
  }

  func run() throws {
    try perform { try TrainJob.merge(models, output: output, console: $0) }
  }
}
