import Foundation
import Testing

/// One run of the built `stance` binary with its resource use.
struct MeasuredRun {
  var status: Int32
  var signal: Int32?
  var stdout: String
  var stderr: String
  /// User + system CPU time of the child.
  var cpu: Duration
  var wall: Duration
}

/// CPU-time limit for one hostile CLI run; a hang guard, not a benchmark.
let cliHangLimit: Duration = .seconds(10)
/// Wall time is only checked against a loose backstop (a blocked process never ends): the test
/// machine may be heavily shared, and at a load of 13 under ASan a 64 MiB ingest took 69 s of wall time.
let cliBlockedLimit: Duration = .seconds(300)

/// Runs `stance` via posix_spawn with stdout/stderr in files, and reaps it with wait4 so its
/// own CPU time is known (Foundation's Process reaps children itself and hides rusage).
func runStanceMeasured(
  _ arguments: [String], stdinFile: String = "/dev/null", sourceLocation: SourceLocation = #_sourceLocation
) throws -> MeasuredRun {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stance-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  let outPath = directory.appendingPathComponent("out").path
  let errPath = directory.appendingPathComponent("err").path
  let (pid, start) = try spawnStance(arguments, stdin: stdinFile, stdout: outPath, stderr: errPath)
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
  let wall = ContinuousClock.now - start
  func duration(_ t: timeval) -> Duration { .seconds(t.tv_sec) + .microseconds(t.tv_usec) }
  let cpu = duration(usage.ru_utime) + duration(usage.ru_stime)
  let exited = (status & 0x7f) == 0
  let run = MeasuredRun(
    status: exited ? (status >> 8) & 0xff : -1, signal: exited ? nil : status & 0x7f,
    stdout: String(decoding: readWholeFile(outPath), as: UTF8.self),
    stderr: String(decoding: readWholeFile(errPath), as: UTF8.self),
    cpu: cpu, wall: wall)
  #expect(run.signal == nil, "stance \(arguments) died of signal \(run.signal ?? 0)", sourceLocation: sourceLocation)
  #expect(run.cpu < cliHangLimit, "stance \(arguments) used \(run.cpu) CPU", sourceLocation: sourceLocation)
  #expect(run.wall < cliBlockedLimit, "stance \(arguments) took \(run.wall)", sourceLocation: sourceLocation)
  return run
}

/// Starts `stance` with its standard streams redirected to files; returns the pid and start time.
func spawnStance(_ arguments: [String], stdin: String = "/dev/null", stdout: String, stderr: String) throws
  -> (pid: pid_t, start: ContinuousClock.Instant)
{
  let executable = productsDirectory.appendingPathComponent("stance").path
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var pid: pid_t = 0
  let start = ContinuousClock.now
  let result = posix_spawn(&pid, executable, &actions, nil, argv, environ)
  guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
  return (pid, start)
}

/// The bytes of the file at `path` (empty when unreadable), read with plain POSIX calls:
/// FileManager.contents(atPath:) leaks its 4 KiB buffer for empty files under LeakSanitizer.
func readWholeFile(_ path: String) -> [UInt8] {
  let descriptor = open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else { return [] }
  defer { close(descriptor) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    if count < 0 && errno == EINTR { continue }
    if count <= 0 { break }
    bytes += chunk[0..<count]
  }
  return bytes
}

/// Runs `/usr/bin/env ARGUMENTS...` and returns its exit status (posix_spawn: Foundation's
/// Process leaks a weak reference per run under LeakSanitizer).
@discardableResult
func runTool(_ arguments: [String]) throws -> Int32 {
  let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var pid: pid_t = 0
  let result = posix_spawn(&pid, "/usr/bin/env", nil, nil, argv, environ)
  guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  return status
}
