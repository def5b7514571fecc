import Foundation
import Testing

@Suite struct TrainCLITests {
  /// A fresh directory with a small two-label corpus in `train.jsonl`.
  func workspace() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stance-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var lines: [String] = []
    let restraint = ["bring the troops home now", "we cannot afford endless wars abroad", "withdraw from costly commitments", "restraint keeps us safe at home"]
    let engagement = ["our allies need a steady presence", "alliances deter aggression abroad", "keep the bases and honour commitments", "engagement keeps allies safe"]
    for round in 0..<3 {
      for text in restraint { lines.append("{\"text\": \"\(text) \(round)\", \"label\": \"restraint\"}") }
      for text in engagement { lines.append("{\"text\": \"\(text) \(round)\", \"label\": \"engagement\"}") }
    }
    lines.append("{\"text\": \"\", \"label\": \"restraint\"}")
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("train.jsonl"))
    return directory
  }

  @Test func trainThenExplain() throws {
    let directory = try workspace()
    defer { try? FileManager.default.removeItem(at: directory) }
    let train = try runStance(
      ["train", "--ngram-range", "1...2", "--binary", "-o", "model.stnb", "train.jsonl"], in: directory)
    #expect(train.status == 0, "\(train.stderr)")
    #expect(train.stderr.contains("stance train: train.jsonl:25: warning: empty text skipped"))
    #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("model.stnb").path))

    let top = try runStance(["explain", "--model", "model.stnb", "--top", "3"], in: directory)
    #expect(top.status == 0)
    #expect(top.stdout.contains("restraint:") && top.stdout.contains("engagement:"))

    let passages = Data("Bring the troops home.\n\nOur allies need alliances.\n".utf8)
    let text = try runStance(["explain", "--model", "model.stnb", "-"], stdin: passages, in: directory)
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("passage 0: restraint over engagement"))
    #expect(text.stdout.contains("passage 1: engagement over restraint"))

    let json = try runStance(
      ["explain", "--model", "model.stnb", "--format", "json", "--top", "0", "-"], stdin: passages, in: directory)
    #expect(json.status == 0)
    let reports = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
    #expect(reports.count == 2)
    for report in reports {
      let contributions = report["contributions"] as! [[String: Any]]
      let sum = contributions.reduce(report["priorTerm"] as! Double) { $0 + ($1["value"] as! Double) }
      #expect(abs(sum - (report["logOdds"] as! Double)) < 1e-9)
    }
  }

  @Test func trainingIsByteIdenticalAndMergeMatches() throws {
    let directory = try workspace()
    defer { try? FileManager.default.removeItem(at: directory) }
    let lines = try String(contentsOf: directory.appendingPathComponent("train.jsonl"), encoding: .utf8)
      .split(separator: "\n")
    try Data((lines[..<12].joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("a.jsonl"))
    try Data((lines[12...].joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("b.jsonl"))
    for (output, inputs) in [("all1", ["train.jsonl"]), ("all2", ["a.jsonl", "b.jsonl"]), ("a", ["a.jsonl"]), ("b", ["b.jsonl"])] {
      let result = try runStance(["train", "--binary", "-o", output] + inputs, in: directory)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let merge = try runStance(["merge", "a", "b", "-o", "merged"], in: directory)
    #expect(merge.status == 0, "\(merge.stderr)")
    let update = try runStance(["train", "--update", "-o", "a", "b.jsonl"], in: directory)
    #expect(update.status == 0, "\(update.stderr)")
    let read = { (name: String) in try Data(contentsOf: directory.appendingPathComponent(name)) }
    #expect(try read("all1") == read("all2"))
    #expect(try read("all1") == read("merged"))
    #expect(try read("all1") == read("a"))
  }

  @Test func calibrateStoresATemperature() throws {
    let directory = try workspace()
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runStance(
      ["train", "--calibrate", "--calibration-folds", "3", "--seed", "7", "-o", "m", "train.jsonl"], in: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("temperature"))
    let explain = try runStance(["explain", "--model", "m", "-"], stdin: Data("troops home".utf8), in: directory)
    #expect(explain.stdout.contains("calibrated"))
  }

  @Test func badCorpusExits65AndLeavesNoModel() throws {
    let directory = try workspace()
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data("{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\"}\n".utf8)
      .write(to: directory.appendingPathComponent("bad.jsonl"))
    let result = try runStance(["train", "-o", "model.stnb", "bad.jsonl"], in: directory)
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.jsonl:2: missing \"label\""))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["bad.jsonl", "train.jsonl"])

    try Data("{\"text\": \"a b\", \"label\": \"x\"}\n".utf8).write(to: directory.appendingPathComponent("one.jsonl"))
    let oneLabel = try runStance(["train", "-o", "model.stnb", "one.jsonl"], in: directory)
    #expect(oneLabel.status == 65)
    #expect(oneLabel.stderr.contains("at least 2 labels"))

    try Data("garbage".utf8).write(to: directory.appendingPathComponent("fake.stnb"))
    let explain = try runStance(["explain", "--model", "fake.stnb"], in: directory)
    #expect(explain.status == 65)
    #expect(explain.stderr.contains("fake.stnb: not a stance model file"))
  }

  @Test func badFlagsExit64() throws {
    let directory = try workspace()
    defer { try? FileManager.default.removeItem(at: directory) }
    for flags in [["--alpha", "0"], ["--ngram-range", "3...1"], ["--ngram-range", "1...9"], ["--variant", "gaussian"], ["--min-count", "0"]] {
      let result = try runStance(["train"] + flags + ["-o", "m", "train.jsonl"], in: directory)
      #expect(result.status == 64, "\(flags): \(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("m").path))
    let merge = try runStance(["merge", "only-one", "-o", "x"], in: directory)
    #expect(merge.status == 64)
  }

  @Test func mergeRefusesDifferentOptions() throws {
    let directory = try workspace()
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try runStance(["train", "-o", "a", "train.jsonl"], in: directory)
    _ = try runStance(["train", "--variant", "bernoulli", "-o", "b", "train.jsonl"], in: directory)
    let merge = try runStance(["merge", "a", "b", "-o", "c"], in: directory)
    #expect(merge.status == 65)
    #expect(merge.stderr.contains("variant multinomial vs bernoulli"))
    let update = try runStance(["train", "--update", "--variant", "complement", "-o", "a", "train.jsonl"], in: directory)
    #expect(update.status == 64)
  }
}
