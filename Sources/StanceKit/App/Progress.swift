import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-line progress bar on standard error: count, rate and time left.
///
/// It draws only when standard error is a terminal and `--quiet` is off, so redirected or piped
/// output never holds bar frames. Frames are throttled to `redrawInterval`, so a tight loop costs
/// a clock read per step. The line is erased when the work is done (or before standard output
/// is written to the same terminal), so it never mixes with results. Safe from several threads.
public final class Progress: @unchecked Sendable {
  /// At most ten frames a second: smooth to the eye, negligible cost.
  static let redrawInterval: Duration = .milliseconds(100)
  /// Widest bar, in cells; narrower terminals get a shorter one.
  static let barWidth = 28
  /// Columns assumed when the terminal does not say (pseudo-terminals sometimes report 0).
  static let fallbackColumns = 80

  /// The bar on screen now, which `Console` erases first so messages get a line of their own.
  public static var active: Progress? {
    get { activeLock.withLock { activeBar } }
    set { activeLock.withLock { activeBar = newValue } }
  }
  private static let activeLock = NSLock()
  nonisolated(unsafe) private static var activeBar: Progress?

  private let lock = NSLock()
  private let label: String
  private let unit: String
  private let total: Int
  private let enabled: Bool
  private let start = ContinuousClock.now
  private var done = 0
  private var phase: String?
  private var lastFrame: ContinuousClock.Instant?
  private var visible = false
  private var finished = false

  /// A bar for `total` steps of `unit` named `label`; inert when `quiet` or stderr is not a terminal.
  public init(_ label: String, total: Int, unit: String, quiet: Bool) {
    self.label = label
    self.unit = unit
    self.total = max(total, 0)
    enabled = !quiet && isatty(STDERR_FILENO) == 1
    if enabled { Self.active = self }
    lock.withLock { draw(force: true) }
  }

  /// Counts `steps` more steps done.
  public func advance(by steps: Int = 1) {
    guard enabled else { return }
    lock.withLock {
      done = min(done + steps, total)
      draw(force: false)
    }
  }

  /// Names what is happening now (e.g. "training"); drawn at once, since phases change rarely.
  public func phase(_ name: String) {
    guard enabled else { return }
    lock.withLock {
      phase = name
      draw(force: true)
    }
  }

  /// Erases the bar so standard output can be written; the next step draws it again.
  public func clear() {
    guard enabled else { return }
    lock.withLock { erase() }
  }

  /// Erases the bar before standard output is written, when both go to the same terminal.
  public func clearForStandardOutput() {
    if isatty(STDOUT_FILENO) == 1 { clear() }
  }

  /// Erases the bar for good.
  public func finish() {
    guard enabled else { return }
    lock.withLock {
      erase()
      finished = true
    }
    if Self.active === self { Self.active = nil }
  }

  // MARK: - Drawing (lock held)

  private func draw(force: Bool) {
    guard enabled, !finished else { return }
    let now = ContinuousClock.now
    if !force, let lastFrame, now - lastFrame < Self.redrawInterval, done < total { return }
    lastFrame = now
    write("\r" + frame(elapsed: Self.seconds(now - start)) + "\u{1B}[K")
    visible = true
  }

  private func erase() {
    guard visible else { return }
    write("\r\u{1B}[K")
    visible = false
    lastFrame = nil  // the next step redraws at once rather than leaving the bar hidden
  }

  private func frame(elapsed: Double) -> String {
    let name = phase.map { "\(label): \($0)" } ?? label
    let fraction = total == 0 ? 1 : Double(done) / Double(total)
    var right = " \(done)/\(total) \(unit) \(Int((fraction * 100).rounded(.down)))%"
    if done > 0 && elapsed > 0 {
      let rate = Double(done) / elapsed
      right += rate >= 10 ? String(format: "  %.0f/s", rate) : String(format: "  %.1f/s", rate)
      if done < total { right += "  ETA " + Self.clock(Double(total - done) / rate) }
    }
    let room = Self.columns() - name.count - right.count - 4
    let width = min(Self.barWidth, room)
    guard width >= 5 else { return String((name + right).prefix(max(Self.columns() - 1, 1))) }
    let filled = Int((fraction * Double(width)).rounded(.down))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    return "\(name) [\(bar)]\(right)"
  }

  private func write(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { buffer in
        Self.systemWrite(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
      }
      if written <= 0 { return }  // a closed terminal is not worth failing the command over
      offset += written
    }
  }

  #if canImport(Glibc)
    private static let systemWrite = Glibc.write
  #else
    private static let systemWrite = Darwin.write
  #endif

  private static func columns() -> Int {
    var size = winsize()
    if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    return fallbackColumns
  }

  /// `seconds` as m:ss, or h:mm:ss past an hour.
  static func clock(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "?" }
    let s = Int(seconds.rounded(.up))
    let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
    return h > 0 ? String(format: "%d:%02d:%02d", h, m, r) : String(format: "%d:%02d", m, r)
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
}
