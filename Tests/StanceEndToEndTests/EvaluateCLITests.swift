import Foundation
import Testing

/// Small corpora written by the tests themselves, in a fresh temporary directory.
enum EvalFixture {
  /// A new empty directory under the system temporary directory.
  static func directory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("stance-eval-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Words that give each label away, and filler shared by both.
  static let cue = ["pos": ["splendid", "delightful", "superb"], "neg": ["dreadful", "tedious", "awful"]]
  static let filler = ["the", "film", "plot", "actor", "scene", "story", "music", "ending", "script", "cast"]

  /// `count` JSONL lines alternating pos/neg, grouped in threes, with a topic; `noise` of them
  /// get a label drawn without regard to the text, so accuracy cannot be perfect.
  static func corpus(count: Int, noise: Int = 0) -> String {
    var state: UInt64 = 12345
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var lines: [String] = []
    for i in 0..<count {
      var label = i % 2 == 0 ? "pos" : "neg"
      var words = (0..<6).map { _ in filler[next(filler.count)] }
      words.insert(cue[label]![next(3)], at: next(words.count))
      if i < noise { label = next(2) == 0 ? "pos" : "neg" }
      let topic = i % 3 == 0 ? "iran" : "nato"
      lines.append(
        #"{"id": "p\#(i)", "text": "\#(words.joined(separator: " "))", "label": "\#(label)", "group": "g\#(i / 3)", "topic": "\#(topic)"}"#)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Writes `text` to `name` inside `directory` and returns its path.
  @discardableResult
  static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// The JSON report with its "timing" key removed.
  static func withoutTiming(_ json: String) throws -> NSDictionary {
    var object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    object["timing"] = nil
    return object as NSDictionary
  }
}

@Suite struct EvaluateCLITests {
  @Test func crossValidationSmokeTestIsDeterministic() throws {
    let dir = try EvalFixture.directory()
    let data = try EvalFixture.write(EvalFixture.corpus(count: 60), "train.jsonl", in: dir)
    let args = ["evaluate", "--cross-validate", "5", "--seed", "7", "--format", "json", data]
    let first = try runStance(args)
    #expect(first.status == 0, "\(first.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as! [String: Any]
    #expect(report["mode"] as? String == "cross-validation")
    #expect((report["accuracy"] as! Double) > 0.9)
    #expect((report["folds"] as! [Any]).count == 5)
    #expect((report["topics"] as! [[String: Any]]).map { $0["topic"] as! String } == ["iran", "nato"])
    #expect((report["counts"] as! [String: Any])["passages"] as? Int == 60)
    #expect(report["timing"] != nil)
    let second = try runStance(args)
    #expect(try EvalFixture.withoutTiming(first.stdout) == EvalFixture.withoutTiming(second.stdout))
    let otherSeed = try runStance(["evaluate", "--cross-validate", "5", "--seed", "8", "--format", "json", data])
    #expect(otherSeed.status == 0)
  }

  @Test func textReportAndCalibration() throws {
    let dir = try EvalFixture.directory()
    let data = try EvalFixture.write(EvalFixture.corpus(count: 60, noise: 10), "train.jsonl", in: dir)
    let result = try runStance(["evaluate", "--cross-validate", "3", "--calibrate", data])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("macro-F1"))
    #expect(result.stdout.contains("calibrated"))
    #expect(result.stdout.contains("uncalibrated"))
    #expect(result.stdout.contains("confusion matrix"))
  }

  @Test func gatesExitOneWithAClearMessage() throws {
    let dir = try EvalFixture.directory()
    let data = try EvalFixture.write(EvalFixture.corpus(count: 60, noise: 30), "noisy.jsonl", in: dir)
    let failed = try runStance(["evaluate", "--cross-validate", "5", "--min-accuracy", "0.99", data])
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("gate failed: accuracy "))
    #expect(failed.stdout.contains("accuracy"), "the report is still written")
    let passed = try runStance(["evaluate", "--cross-validate", "5", "--min-accuracy", "0.1", "--min-macro-f1", "0.1", data])
    #expect(passed.status == 0, "\(passed.stderr)")
    let junit = try runStance(["evaluate", "--cross-validate", "5", "--min-macro-f1", "0.99", "--format", "junit", data])
    #expect(junit.status == 1)
    #expect(junit.stdout.hasPrefix("<?xml"))
    #expect(junit.stdout.contains("failures=\"1\""))
    #expect(junit.stdout.contains("<failure type=\"gate\" message=\"gate failed: macro-F1"))
  }

  @Test func outputFileIsWrittenAndStdoutStaysEmpty() throws {
    let dir = try EvalFixture.directory()
    let data = try EvalFixture.write(EvalFixture.corpus(count: 30), "d.jsonl", in: dir)
    let out = dir.appendingPathComponent("report.json").path
    let result = try runStance(["evaluate", "--cross-validate", "3", "--format", "json", "-o", out, data])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    let written = try String(contentsOfFile: out, encoding: .utf8)
    #expect(written.contains("\"macroF1\""))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
  }

  @Test func outputToAFIFOOrSymlinkKeepsTheSpecialFile() throws {
    let dir = try EvalFixture.directory()
    let data = try EvalFixture.write(EvalFixture.corpus(count: 30), "d.jsonl", in: dir)

    // A FIFO must be written through, not renamed over (as /dev/null would be).
    let fifo = dir.appendingPathComponent("report.fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    #expect(reader >= 0)
    defer { close(reader) }
    let viaFIFO = try runStance(["evaluate", "--cross-validate", "3", "--format", "json", "-o", fifo, data])
    #expect(viaFIFO.status == 0, "\(viaFIFO.stderr)")
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    let count = read(reader, &buffer, buffer.count)
    #expect(count > 0)
    #expect(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).contains("\"macroF1\""))
    var status = stat()
    #expect(stat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO, "the FIFO is still a FIFO")

    // A symbolic link to a regular file stays a link; its target gets the report.
    let target = try EvalFixture.write("old", "target.json", in: dir)
    let link = dir.appendingPathComponent("link.json").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    let viaLink = try runStance(["evaluate", "--cross-validate", "3", "--format", "json", "-o", link, data])
    #expect(viaLink.status == 0, "\(viaLink.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
    #expect(try String(contentsOfFile: target, encoding: .utf8).contains("\"macroF1\""))
  }

  @Test(arguments: [
    ["evaluate", "DATA"],
    ["evaluate", "--model", "m.model", "--cross-validate", "5", "DATA"],
    ["evaluate", "--cross-validate", "1", "DATA"],
    ["evaluate", "--cross-validate", "5", "--min-accuracy", "1.5", "DATA"],
    ["evaluate", "--cross-validate", "5", "--min-macro-f1", "-0.1", "DATA"],
    ["evaluate", "--cross-validate", "5"],
    ["evaluate", "--model", "m.model", "--calibrate", "DATA"],
  ])
  func usageErrorsExit64(arguments: [String]) throws {
    let dir = try EvalFixture.directory()
    let data = try EvalFixture.write(EvalFixture.corpus(count: 10), "d.jsonl", in: dir)
    let result = try runStance(arguments.map { $0 == "DATA" ? data : $0 })
    #expect(result.status == 64, "\(arguments): \(result.stderr)")
  }

  @Test func badDataExits65WithFileAndLine() throws {
    let dir = try EvalFixture.directory()
    let good = EvalFixture.corpus(count: 20)
    let data = try EvalFixture.write(good, "d.jsonl", in: dir)

    let badCorpus = try EvalFixture.write(good + "{not json\n", "bad.jsonl", in: dir)
    var result = try runStance(["evaluate", "--cross-validate", "3", badCorpus])
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.jsonl:21"), "\(result.stderr)")

    let lines = (0..<20).map { "\($0 % 4)" }
    var folds = lines
    folds[2] = "two"
    let badFolds = try EvalFixture.write(folds.joined(separator: "\n") + "\n", "bad.folds", in: dir)
    result = try runStance(["evaluate", "--folds", badFolds, data])
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.folds:3:"), "\(result.stderr)")

    let shortFolds = try EvalFixture.write(lines.prefix(19).joined(separator: "\n"), "short.folds", in: dir)
    result = try runStance(["evaluate", "--folds", shortFolds, data])
    #expect(result.status == 65)
    #expect(result.stderr.contains("19 fold lines but 20 passages"), "\(result.stderr)")

    let negative = try EvalFixture.write((["-1"] + lines.dropFirst()).joined(separator: "\n"), "neg.folds", in: dir)
    result = try runStance(["evaluate", "--folds", negative, data])
    #expect(result.status == 65)
    #expect(result.stderr.contains("neg.folds:1:"))

    let oneFold = try EvalFixture.write(String(repeating: "3\n", count: 20), "one.folds", in: dir)
    result = try runStance(["evaluate", "--folds", oneFold, data])
    #expect(result.status == 65)
    #expect(result.stderr.contains("fold 3"))

    let damaged = try EvalFixture.write("not a model at all", "damaged.model", in: dir)
    result = try runStance(["evaluate", "--model", damaged, data])
    #expect(result.status == 65)
    #expect(result.stderr.contains("damaged.model"))

    // The fixture groups passages in threes; a folds file that splits group g0 is bad data.
    let split = try EvalFixture.write((0..<20).map { "\($0 % 2)" }.joined(separator: "\n"), "split.folds", in: dir)
    result = try runStance(["evaluate", "--folds", split, data])
    #expect(result.status == 65)
    #expect(result.stderr.contains("group \"g0\" is split across folds"), "\(result.stderr)")

    // 20 passages in 7 groups cannot make 10 folds.
    result = try runStance(["evaluate", "--cross-validate", "10", data])
    #expect(result.status == 65)
    #expect(result.stderr.contains("cannot make 10 folds"))
  }

  @Test func foldsFileNeedNotBeContiguousAndGroupsAreHonoured() throws {
    let dir = try EvalFixture.directory()
    let data = try EvalFixture.write(EvalFixture.corpus(count: 24), "d.jsonl", in: dir)
    let folds = try EvalFixture.write((0..<24).map { "\(($0 / 3) % 2 == 0 ? 10 : 42)" }.joined(separator: "\n"), "f.folds", in: dir)
    let result = try runStance(["evaluate", "--folds", folds, "--format", "json", data])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    let numbers = (report["folds"] as! [[String: Any]]).map { $0["fold"] as! Int }
    #expect(numbers == [10, 42])
  }

  @Test func heldOutModelReportsUnknownLabels() throws {
    let dir = try EvalFixture.directory()
    let train = try EvalFixture.write(EvalFixture.corpus(count: 40), "train.jsonl", in: dir)
    let model = dir.appendingPathComponent("m.model").path
    let trained = try runStance(["train", "-o", model, train])
    #expect(trained.status == 0, "\(trained.stderr)")
    let test = try EvalFixture.write(
      EvalFixture.corpus(count: 10) + #"{"text": "splendid film", "label": "mixed"}"# + "\n", "test.jsonl", in: dir)
    let result = try runStance(["evaluate", "--model", model, "--format", "json", test])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    #expect(report["mode"] as? String == "held-out")
    #expect((report["unknownLabels"] as! [String: Int]) == ["mixed": 1])
    #expect((report["labels"] as! [String]) == ["mixed", "neg", "pos"])
    let text = try runStance(["evaluate", "--model", model, test])
    #expect(text.stdout.contains("labels unknown to the model, counted as errors: mixed (1)"))
  }

  @Test func trainTestModeTrainsWithTheTrainingFlags() throws {
    let dir = try EvalFixture.directory()
    let train = try EvalFixture.write(EvalFixture.corpus(count: 40), "train.jsonl", in: dir)
    let test = try EvalFixture.write(EvalFixture.corpus(count: 12), "test.jsonl", in: dir)
    let result = try runStance([
      "evaluate", "--test", test, "--variant", "complement", "--ngram-range", "1...2", "--format", "json", train,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    #expect((report["counts"] as! [String: Any])["passages"] as? Int == 12)
    #expect(report["folds"] is NSNull)
  }

  static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/classification")

  @Test(.enabled(if: FileManager.default.fileExists(atPath: shared.appendingPathComponent("folds/mpqa.folds").path)))
  func mpqaWithPublishedFoldsMeetsItsFloor() throws {
    let result = try runStance([
      "evaluate", "--folds", Self.shared.appendingPathComponent("folds/mpqa.folds").path,
      "--binary", "--ngram-range", "1...2", "--min-accuracy", "0.85", "--format", "json",
      Self.shared.appendingPathComponent("mpqa/data.jsonl").path,
    ])
    #expect(result.status == 0, "\(result.stderr.suffix(300))")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    #expect((report["counts"] as! [String: Any])["passages"] as? Int == 10606)
  }
}
