import Foundation
import Testing

@testable import StanceKit

/// Training from a stream, a batch at a time, must give the model training on everything at once gives.
@Suite struct StreamingTrainTests {
  static func corpus() throws -> String {
    let words = ["troops", "home", "allies", "bases", "deter", "withdraw", "costly", "partners", "stay", "leave", "war", "aid"]
    var lines: [String] = []
    for i in 0..<400 {
      // Words drawn by index so that later batches bring new n-grams and every label recurs.
      let text = (0..<(5 + i % 9)).map { words[($0 * 7 + i * 3) % words.count] + (i % 50 == 0 ? "\(i)" : "") }
        .joined(separator: " ")
      let label = ["restraint", "engagement", "neutral"][i % 3]
      if (100..<110).contains(i) {  // a run of empty texts: whole batches with nothing to count
        lines.append(#"{"id": "p\#(i)", "text": "   ", "label": "\#(label)"}"#)
        continue
      }
      lines.append(#"{"id": "p\#(i)", "text": "\#(text)", "label": "\#(label)"}"#)
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID()).jsonl").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test(arguments: [1...1, 1...2, 1...3])
  func batchesGiveTheWholeCorpusModel(range: ClosedRange<Int>) throws {
    let path = try Self.corpus()
    defer { try? FileManager.default.removeItem(atPath: path) }
    var options = TrainingOptions()
    options.features.ngramRange = range
    let console = Console(command: "test")
    let whole = try Trainer(options: options).train(CommandData.passages([path], skipEmpty: true, console: console))
    // Batches read in one part or several, tokenised on one thread or two.
    for jobs in [1, 2] {
      let trainer = Trainer(options: options, calibrate: false, jobs: jobs)
      for (batchBytes, readBytes) in [(64, 64), (1000, 1000), (1000, 100), (1 << 24, 700), (1 << 24, 1 << 24)] {
        let streamed = try trainer.train(streaming: [path], batchBytes: batchBytes, readBytes: readBytes, console: console)
        #expect(streamed.serialized() == whole.serialized(), "batches of \(batchBytes) bytes read \(readBytes) at a time, \(jobs) jobs")
        // Streaming builds no lookup; scoring builds one from the vocabulary.
        for text in ["troops home allies", "war aid stay", "unseen words", "deter50 costly"] {
          #expect(streamed.predict(text).logProbabilities == whole.predict(text).logProbabilities, "\(text)")
        }
      }
    }
  }

  @Test func fileSizesFollowSymbolicLinks() throws {
    let path = try Self.corpus()
    let link = path + ".link"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
    defer { for file in [path, link] { try? FileManager.default.removeItem(atPath: file) } }
    let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    #expect(Trainer.fileBytes([link, path, path + ".missing"]) == 2 * size)
  }
}
