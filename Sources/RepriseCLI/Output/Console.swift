import Foundation

/// Where a command's output goes: results to stdout, diagnostics to stderr. Tests capture both.
package final class Console: @unchecked Sendable {
  private let lock = NSLock()
  private let writeOut: @Sendable (String) -> Void
  private let writeErr: @Sendable (String) -> Void
  /// True when stderr is a terminal (live progress lines are drawn only then).
  package let stderrIsTerminal: Bool

  /// A console writing through the given functions.
  package init(stderrIsTerminal: Bool = false, out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
    self.stderrIsTerminal = stderrIsTerminal
    self.writeOut = out
    self.writeErr = err
  }

  /// The process's stdout and stderr, written unbuffered so their order is kept.
  package static func standard() -> Console {
    Console(
      stderrIsTerminal: isatty(2) == 1,
      out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
      err: { text in FileHandle.standardError.write(Data(text.utf8)) })
  }

  /// Writes `text` to stdout as is.
  package func out(_ text: String) { lock.lock(); defer { lock.unlock() }; writeOut(text) }
  /// Writes `text` to stderr as is.
  package func err(_ text: String) { lock.lock(); defer { lock.unlock() }; writeErr(text) }
  /// Writes one line to stdout.
  package func line(_ text: String) { out(text + "\n") }
  /// Writes one line to stderr.
  package func errLine(_ text: String) { err(text + "\n") }
}
