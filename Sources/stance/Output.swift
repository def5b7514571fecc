import Foundation

/// Writes a line to standard error, never mixed into standard output.
func printError(_ message: String) {
  Progress.active?.clear()
  FileHandle.standardError.write(Data((message + "\n").utf8))
}
