import Foundation
import Testing

/// Every subcommand on the same bad inputs: one exit status per case whatever the command, and
/// every error in one form, `stance COMMAND: FILE[:LINE]: reason`.
@Suite struct BadInputTableTests {
  /// One bad input: the file it is about, the status every command must exit with, and (for a
  /// failure) the file its message must name.
  struct Case {
    var name: String
    var path: String
    var status: Int32
    var named: String?
  }

  /// The fixtures, made once per test in a fresh folder.
  struct Fixtures {
    var dir: URL
    var model: String
    var cases: [Case]
    var outputCases: [Case]
  }

  static let restraint = "Bring the troops home and let the region's powers balance one another without us."
  static let engagement = "Walking away from our allies now would be a grave mistake that rivals would exploit."

  static func fixtures() throws -> Fixtures {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stance-bad-inputs-\(UUID().uuidString)")
    let fm = FileManager.default
    try fm.createDirectory(at: dir, withIntermediateDirectories: true)
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
      let url = dir.appendingPathComponent(name)
      try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
      return url.path
    }
    let corpus = (0..<6).map { i in
      #"{"text": "\#(i % 2 == 0 ? restraint : engagement) \#(i)", "label": "\#(i % 2 == 0 ? "restraint" : "engagement")"}"#
    }.joined(separator: "\n") + "\n"
    let good = try write(Array(corpus.utf8), "good.jsonl")
    let model = dir.appendingPathComponent("good.stance").path
    let trained = try runStance(["train", "-o", model, good])
    #expect(trained.status == 0, "\(trained.stderr)")

    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 64)
    let malformed = try write(Array(#"{"text": "\#(restraint)", "label": "restraint"}\#n{"text": "cut off"#.utf8) + [0x0A], "malformed.jsonl")
    // A folder corpus (one subfolder per label) that is also a folder of articles; one file is binary.
    _ = try write(Array(restraint.utf8), "folder/restraint/a.txt")
    _ = try write(Array(engagement.utf8), "folder/engagement/b.txt")
    let bad = try write(png, "folder/engagement/c.txt")
    let cases = [
      Case(name: "missing file", path: dir.appendingPathComponent("missing.jsonl").path, status: 65, named: nil),
      Case(name: "empty file", path: try write([], "empty.jsonl"), status: 65, named: nil),
      Case(name: "binary file", path: try write(png, "binary.jsonl"), status: 65, named: nil),
      Case(name: "directory with one bad file", path: dir.appendingPathComponent("folder").path, status: 65, named: bad),
      Case(name: "malformed JSONL line", path: malformed, status: 65, named: malformed + ":2"),
    ]
    let outputCases = [
      Case(name: "-o to a directory", path: dir.path, status: 1, named: dir.path),
      Case(name: "-o to /dev/null", path: "/dev/null", status: 0, named: nil),
    ]
    return Fixtures(dir: dir, model: model, cases: cases, outputCases: outputCases)
  }

  /// The arguments that make `command` read `path` as its data (merge: as a model).
  static func arguments(_ command: String, data path: String, model: String, output: String) -> [String] {
    switch command {
    case "ingest": return ["ingest", "-o", output, path]
    case "classify": return ["classify", "--model", model, "-o", output, path]
    case "explain": return ["explain", "--model", model, "-o", output, path]
    case "train": return ["train", "-o", output, path]
    case "evaluate": return ["evaluate", "--model", model, "-o", output, path]
    case "merge": return ["merge", "-o", output, path, model]
    default: preconditionFailure("unknown command \(command)")
    }
  }

  static let commands = ["ingest", "classify", "explain", "train", "evaluate", "merge"]

  /// `stance COMMAND: FILE[:LINE]: reason` for every line of standard error (warnings included).
  static func checkForm(_ stderr: String, command: String, names file: String, _ context: String) {
    let lines = stderr.split(separator: "\n").map(String.init)
    #expect(!lines.isEmpty, "\(context): no message")
    for line in lines {
      #expect(line.hasPrefix("stance \(command): "), "\(context): \(line)")
    }
    #expect(lines.contains { $0.hasPrefix("stance \(command): \(file): ") }, "\(context): \(stderr)")
  }

  @Test func everyCommandFailsTheSameWayOnTheSameBadInput() throws {
    let f = try Self.fixtures()
    defer { try? FileManager.default.removeItem(at: f.dir) }
    for c in f.cases {
      for command in Self.commands {
        let output = f.dir.appendingPathComponent("out-\(command)").path
        let run = try runStance(Self.arguments(command, data: c.path, model: f.model, output: output))
        let context = "\(command) on \(c.name)"
        #expect(run.status == c.status, "\(context): exit \(run.status), \(run.stderr)")
        // merge reads its inputs as models: a folder is one unreadable model, not a walk.
        let named = command == "merge" ? c.path : (c.named ?? c.path)
        Self.checkForm(run.stderr, command: command, names: named, context)
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Error Domain"), "\(context): \(run.stderr)")
      }
    }
  }

  @Test func everyModelReaderRefusesAnUnreadableModelTheSameWay() throws {
    let f = try Self.fixtures()
    defer { try? FileManager.default.removeItem(at: f.dir) }
    let broken = f.dir.appendingPathComponent("broken.stance").path
    try Data("not a model at all".utf8).write(to: URL(fileURLWithPath: broken))
    let good = f.dir.appendingPathComponent("good.jsonl").path
    let out = f.dir.appendingPathComponent("out").path
    let runs: [(String, [String])] = [
      ("classify", ["classify", "--model", broken, good]),
      ("explain", ["explain", "--model", broken]),
      ("evaluate", ["evaluate", "--model", broken, good]),
      ("merge", ["merge", "-o", out, broken, f.model]),
      ("train", ["train", "--update", "-o", broken, good]),
    ]
    for (command, arguments) in runs {
      let run = try runStance(arguments)
      #expect(run.status == 65, "\(command): \(run.stderr)")
      Self.checkForm(run.stderr, command: command, names: broken, "\(command) on an unreadable model")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: broken)) == Data("not a model at all".utf8), "left as it was")
  }

  @Test func everyCommandWritesOutputTheSameWay() throws {
    let f = try Self.fixtures()
    defer { try? FileManager.default.removeItem(at: f.dir) }
    let good = f.dir.appendingPathComponent("good.jsonl").path
    for c in f.outputCases {
      for command in Self.commands {
        let data = command == "merge" ? f.model : good
        let run = try runStance(Self.arguments(command, data: data, model: f.model, output: c.path))
        let context = "\(command) \(c.name)"
        #expect(run.status == c.status, "\(context): exit \(run.status), \(run.stderr)")
        if let named = c.named {
          Self.checkForm(run.stderr, command: command, names: named, context)
        } else {
          #expect(!run.stderr.contains("error") && !run.stderr.contains("cannot"), "\(context): \(run.stderr)")
        }
        #expect(run.stdout.isEmpty, "\(context): the result went to -o, not standard output")
      }
    }
    var status = stat()
    #expect(stat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: f.dir.path).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
  }
}
