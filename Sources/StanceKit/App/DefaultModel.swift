import Foundation

/// Finds the bundled default model when `--model` is not given.
///
/// Looked up in order: `$STANCE_MODEL`; `models/default.stance` in the source checkout the
/// binary was built in (`.build/<config>/stance` two folders below it); and
/// `share/stance/default.stance` beside an installed `bin/stance`.
public enum DefaultModel {
  /// The file name of the bundled model.
  public static let fileName = "default.stance"

  /// The default model's path, or an error message naming every place that was tried.
  public static func path() throws -> String {
    var tried: [String] = []
    if let fromEnvironment = ProcessInfo.processInfo.environment["STANCE_MODEL"], !fromEnvironment.isEmpty {
      return fromEnvironment
    }
    let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
      .resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    for _ in 0..<4 {
      folder = folder.deletingLastPathComponent()
      for candidate in [
        folder.appendingPathComponent("models").appendingPathComponent(fileName),
        folder.appendingPathComponent("share/stance").appendingPathComponent(fileName),
      ] where !tried.contains(candidate.path) {
        // A binary near the root climbs past it, where every level names the same places.
        tried.append(candidate.path)
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
      }
    }
    throw CommandFailure(
      .dataError,
      "no --model given and no default model found (set STANCE_MODEL or pass --model); looked in: "
        + tried.joined(separator: ", "))
  }
}


