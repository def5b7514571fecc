import Foundation

/// The exit statuses of every command, documented in `stance --help`.
public enum ExitStatus: Int32, Sendable, Comparable {
  /// Everything worked.
  case success = 0
  /// A runtime failure (an output that cannot be written) or an evaluation gate not met.
  case failure = 1
  /// Bad command-line usage (EX_USAGE).
  case usage = 64
  /// Bad input data: a missing, unreadable or malformed input, corpus or model (EX_DATAERR).
  case dataError = 65

  /// Orders by severity, so a run keeps the worst status any step reached.
  public static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.severity < b.severity }

  private var severity: Int {
    switch self {
    case .success: 0
    case .failure: 1
    case .usage: 2
    case .dataError: 3
    }
  }
}

/// A failure as users see it, `FILE[:LINE]: reason`, with the exit status it maps to.
///
/// Every error the library throws is turned into this in one place (`init(_:)`), so every
/// command words and scores the same failure the same way.
public struct CommandFailure: Error, CustomStringConvertible, Sendable {
  /// The exit status the failure maps to.
  public var status: ExitStatus
  /// The file the failure is about, when there is one.
  public var file: String?
  /// The 1-based line in `file`, when known.
  public var line: Int?
  /// What was wrong.
  public var reason: String

  /// Creates a failure.
  public init(_ status: ExitStatus, file: String? = nil, line: Int? = nil, _ reason: String) {
    self.status = status
    self.file = file
    self.line = line
    self.reason = reason
  }

  /// Maps any error thrown by the library to its user-facing form and exit status.
  public init(_ error: any Error) {
    switch error {
    case let failure as CommandFailure:
      self = failure
    case let error as IngestError:
      self.init(.dataError, file: error.source, error.reason)
    case let error as CorpusError:
      self.init(.dataError, file: error.file, line: error.line, error.message)
    case let error as ModelFileError:
      self.init(.dataError, file: error.path, error.detail)
    case let error as WARCError:
      self.init(.dataError, file: error.file, "record at offset \(error.offset): \(error.reason)")
    case let error as FoldsError:
      self.init(.dataError, file: nil, error.description)
    case let error as NaiveBayesError:
      self.init(.dataError, error.description)
    case let error as OutputError:
      self.init(.failure, file: error.path, error.reason)
    default:
      self.init(.failure, "\(error)")
    }
  }

  /// `FILE:LINE: reason`, `FILE: reason` or `reason`.
  public var description: String {
    guard let file else { return reason }
    return line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
  }

  /// The one line printed for the failure: `stance COMMAND: FILE[:LINE]: reason`.
  public func message(command: String) -> String { "stance \(command): \(description)" }
}

/// An output that cannot be written.
public struct OutputError: Error, CustomStringConvertible, Sendable {
  /// The output path.
  public var path: String
  /// What failed.
  public var reason: String

  /// `path: reason`.
  public var description: String { "\(path): \(reason)" }
}
