import Foundation

/// Standard error for one command: failures, warnings and summaries in one form, and the
/// worst exit status reached so far.
///
/// Every line starts `stance COMMAND: `, so a message in a long CI log says which step wrote it.
/// A progress bar on screen is erased first, so messages never share its line.
public final class Console: @unchecked Sendable {
  /// The subcommand's name, as typed.
  public let command: String
  private let lock = NSLock()
  private var worst = ExitStatus.success

  /// A console for `command`.
  public init(command: String) { self.command = command }

  /// The exit status: the most severe failure reported, or success.
  public var status: ExitStatus { lock.withLock { worst } }

  /// Prints the failure as `stance COMMAND: FILE[:LINE]: reason` and keeps its status.
  public func report(_ error: any Error) {
    let failure = CommandFailure(error)
    lock.withLock { worst = max(worst, failure.status) }
    write(failure.message(command: command))
  }

  /// Prints `stance COMMAND: [FILE[:LINE]: ]warning: text`; warnings do not change the status.
  public func warn(_ text: String, file: String? = nil, line: Int? = nil) {
    write(CommandFailure(.success, file: file, line: line, "warning: " + text).message(command: command))
  }

  /// Prints a line of information, such as what `train` wrote.
  public func note(_ text: String) { write("stance \(command): \(text)") }


  private func write(_ line: String) {
    Progress.active?.clear()
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Runs a command's body: any error it throws is reported; returns the exit status.
  public static func run(_ command: String, _ body: (Console) throws -> Void) -> ExitStatus {
    let console = Console(command: command)
    do {
      try body(console)
    } catch {
      console.report(error)
    }
    return console.status
  }
}
