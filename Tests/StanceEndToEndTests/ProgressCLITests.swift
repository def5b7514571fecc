import Foundation
import Testing

/// `script(1)` runs a command on a pseudo-terminal, which is how a user's shell looks to it.
private let scriptPath = "/usr/bin/script"

/// Runs `stance` with `arguments` under a pseudo-terminal; stdout of the command goes to `stdoutFile`.
private func runUnderTerminal(_ arguments: [String], stdoutFile: String) throws -> String {
  func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
  let binary = productsDirectory.appendingPathComponent("stance").path
  let command = ([binary] + arguments).map(quoted).joined(separator: " ") + " > " + quoted(stdoutFile)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: scriptPath)
  process.arguments = ["-qec", command, "/dev/null"]
  let out = Pipe()
  process.standardOutput = out
  process.standardError = FileHandle.nullDevice
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: scriptPath)))
struct ProgressCLITests {
  static func articles() throws -> (URL, Int) {
    let dir = try EvalFixture.directory().appendingPathComponent("articles")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for i in 0..<12 {
      try EvalFixture.write("Passage one of article \(i).\n\nPassage two.\n", String(format: "a%02d.txt", i), in: dir)
    }
    return (dir, 12)
  }

  @Test func ingestDrawsABarOnATerminalAndErasesIt() throws {
    let (dir, count) = try Self.articles()
    let output = dir.deletingLastPathComponent().appendingPathComponent("out.jsonl").path
    let terminal = try runUnderTerminal(["ingest", "--format", "jsonl", dir.path], stdoutFile: output)
    #expect(terminal.contains("\ringest ["), "\(terminal.debugDescription)")
    #expect(terminal.contains("/\(count) files"))
    #expect(terminal.hasSuffix("\r\u{1B}[K"), "the bar is erased when done")
    // Standard output (redirected to a file) holds only the results.
    let results = try String(contentsOfFile: output, encoding: .utf8)
    #expect(results.split(separator: "\n").count == count)
    #expect(!results.contains("\r") && !results.contains("ingest ["))
  }

  @Test func quietDrawsNothingEvenOnATerminal() throws {
    let (dir, _) = try Self.articles()
    let output = dir.deletingLastPathComponent().appendingPathComponent("out.jsonl").path
    let terminal = try runUnderTerminal(["ingest", "--quiet", "--format", "jsonl", dir.path], stdoutFile: output)
    #expect(!terminal.contains("\r") && !terminal.contains("ingest ["), "\(terminal.debugDescription)")
  }

  @Test func pipedStandardErrorGetsNoBar() throws {
    let (dir, _) = try Self.articles()
    let result = try runStance(["ingest", "--format", "jsonl", dir.path])
    #expect(result.status == 0)
    #expect(!result.stderr.contains("\r") && !result.stderr.contains("ingest ["))
    #expect(!result.stdout.contains("\r"))
  }

  @Test func trainAndCrossValidationShowTheirSteps() throws {
    let dir = try EvalFixture.directory()
    let data = try EvalFixture.write(EvalFixture.corpus(count: 60), "train.jsonl", in: dir)
    let model = dir.appendingPathComponent("m.model").path
    let train = try runUnderTerminal(["train", "-o", model, data], stdoutFile: "/dev/null")
    #expect(train.contains("\rtrain: ") && train.contains("/2 steps"), "\(train.debugDescription)")
    #expect(train.contains("\r\u{1B}[Kstance train: "), "the summary starts on a clean line")
    let report = dir.appendingPathComponent("report.json").path
    let cv = try runUnderTerminal(["evaluate", "--cross-validate", "3", "--format", "json", data], stdoutFile: report)
    #expect(cv.contains("\rcross-validate [") && cv.contains("3/3 folds"), "\(cv.debugDescription)")
    let json = try String(contentsOfFile: report, encoding: .utf8)
    #expect(json.hasPrefix("{") && !json.contains("\r"))
    // Piped, the same runs print no bar.
    let piped = try runStance(["evaluate", "--cross-validate", "3", "--format", "json", data])
    #expect(!piped.stderr.contains("\r") && !piped.stdout.contains("\r"))
  }
}
