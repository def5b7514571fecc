import Foundation
import Testing

/// Killing `stance train` while it replaces a model leaves the old model or the complete new one.
@Suite(.serialized) struct InterruptedTrainingTests {
  static let kills = 20

  /// A corpus big enough that training and writing take a noticeable time (a few MB of model).
  static func bigCorpus(lines: Int) -> String {
    var state: UInt64 = 0x5EED
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let labels = ["restraint", "engagement", "neutral"]
    var out = ""
    for i in 0..<lines {
      let words = (0..<30).map { _ in "w\(next(20_000))" }.joined(separator: " ")
      out += #"{"text": "\#(words)", "label": "\#(labels[i % 3])"}"# + "\n"
    }
    return out
  }

  @Test func killedTrainingLeavesTheOldOrTheNewModel() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stance-kill-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let small = dir.appendingPathComponent("small.jsonl")
    try Data(#"{"text": "withdraw the troops now", "label": "restraint"}\#n{"text": "stand by our allies", "label": "engagement"}\#n"#.utf8).write(to: small)
    let big = dir.appendingPathComponent("big.jsonl")
    try Data(Self.bigCorpus(lines: 2500).utf8).write(to: big)
    let model = dir.appendingPathComponent("m.model")
    let reference = dir.appendingPathComponent("reference.model")
    let bigArguments = ["train", "--ngram-range", "1...2", "-o", model.path, big.path]

    #expect(try runStance(["train", "-o", model.path, small.path]).status == 0)
    let old = try Data(contentsOf: model)
    // The complete new model, and how long training it takes on this machine right now.
    let clock = ContinuousClock()
    let start = clock.now
    #expect(try runStance(["train", "--ngram-range", "1...2", "-o", reference.path, big.path]).status == 0)
    let runtime = clock.now - start
    let new = try Data(contentsOf: reference)
    #expect(new.count > 512 << 10 && new != old)

    let devNull = "/dev/null"
    var outcomes: [String: Int] = [:]
    for run in 0..<Self.kills {
      try old.write(to: model)
      let signal = run % 2 == 0 ? SIGKILL : SIGINT
      let (pid, _) = try spawnStance(bigArguments, stdout: devNull, stderr: devNull)
      if run % 4 < 2 {
        // Spread over the whole run: reading, counting, encoding, writing.
        let fraction = Double(run / 4 * 2 + run % 2 + 1) / Double(Self.kills / 2 + 1)
        try pause(runtime * fraction)
      } else {
        // Aim at the write itself: wait for the temporary file, then a few milliseconds more.
        let temporary = dir.appendingPathComponent(".m.model.\(pid).tmp").path
        let deadline = clock.now + runtime * 3
        while !FileManager.default.fileExists(atPath: temporary) && clock.now < deadline {
          var status: Int32 = 0
          if waitpid(pid, &status, WNOHANG) == pid { break }
          usleep(200)
        }
        usleep(UInt32(run % 8) * 1000)
      }
      kill(pid, signal)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      let now = try Data(contentsOf: model)
      // A temporary file left behind means the kill landed between creating it and the rename.
      let midWrite = FileManager.default.fileExists(atPath: dir.appendingPathComponent(".m.model.\(pid).tmp").path)
      let outcome = (now == old ? "old" : now == new ? "new" : "PARTIAL (\(now.count) bytes)") + (midWrite ? ", killed mid-write" : "")
      outcomes[outcome, default: 0] += 1
      #expect(now == old || now == new, "run \(run) (signal \(signal)): model file is neither the old nor the new model: \(outcome)")
    }
    // The next successful write removes temporary files left by killed runs.
    #expect(try runStance(["train", "-o", model.path, small.path]).status == 0)
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(left == ["big.jsonl", "m.model", "reference.model", "small.jsonl"], "\(left)")
    print("interrupted training: \(outcomes) over \(Self.kills) kills, full run \(runtime)")
  }

  /// Sleeps for `duration` on this thread (the test runs processes synchronously).
  func pause(_ duration: Duration) throws {
    let (seconds, attoseconds) = duration.components
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
  }
}
