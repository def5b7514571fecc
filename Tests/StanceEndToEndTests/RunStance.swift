import Foundation

/// What one run of the built `stance` binary produced.
struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// The directory that holds the built products (the test bundle's neighbour).
let productsDirectory: URL = {
  for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
    return bundle.bundleURL.deletingLastPathComponent()
  }
  // Swift Testing on Linux: the test runner lives in the products directory.
  return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
}()

/// The repository root, found from this source file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs the built `stance` binary with `arguments`, feeding `stdin` if given.
func runStance(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) throws
  -> RunResult
{
  let process = Process()
  process.executableURL = productsDirectory.appendingPathComponent("stance")
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  let out = Pipe()
  let err = Pipe()
  let input = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = input
  try process.run()
  if let stdin { input.fileHandleForWriting.write(stdin) }
  try input.fileHandleForWriting.close()
  // Read both pipes concurrently so a full stderr pipe cannot block the child.
  nonisolated(unsafe) var errData = Data()
  let group = DispatchGroup()
  group.enter()
  DispatchQueue.global().async {
    errData = err.fileHandleForReading.readDataToEndOfFile()
    group.leave()
  }
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return RunResult(
    status: process.terminationStatus,
    stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}
