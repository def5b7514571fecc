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
    var merged: NaiveBayesModel
    do {
      merged = try NaiveBayesModel(contentsOf: models[0])
      for path in models.dropFirst() {
        let next = try NaiveBayesModel(contentsOf: path)
        do {
          merged = try merged.merged(with: next)
        } catch let error as NaiveBayesError {
          printError("stance merge: \(path): \(error)")
          throw Exit.dataError
        }
      }
    } catch let error as ModelFileError {
      printError("stance merge: \(error)")
      throw Exit.dataError
    }
    do {
      try merged.write(to: output)
    } catch {
      printError("stance merge: \(error)")
      throw Exit.failure
    }
    printError(
      "stance merge: \(models.count) models, \(merged.labels.count) labels, \(merged.exampleCount) examples -> \(output)")
  }
}
