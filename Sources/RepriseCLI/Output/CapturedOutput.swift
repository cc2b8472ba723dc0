import Foundation

/// Collects a console's output in memory, for tests and for callers that post-process it.
package final class CapturedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var outText = ""
  private var errText = ""

  /// An empty capture.
  package init() {}

  /// A console writing into this capture.
  package var console: Console {
    Console(out: { [self] in self.append(out: $0) }, err: { [self] in self.append(err: $0) })
  }

  /// Everything written to stdout.
  package var stdout: String { lock.lock(); defer { lock.unlock() }; return outText }
  /// Everything written to stderr.
  package var stderr: String { lock.lock(); defer { lock.unlock() }; return errText }

  private func append(out text: String) { lock.lock(); outText += text; lock.unlock() }
  private func append(err text: String) { lock.lock(); errText += text; lock.unlock() }
}
