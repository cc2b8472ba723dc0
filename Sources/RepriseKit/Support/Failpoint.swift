import Foundation

/// Test-only fault injection, driven by the `REPRISE_FAILPOINT` environment variable (documented
/// as test-only in the README). It names one step of a protocol and what happens there:
///
/// - `after-result-write` — the process kills itself with SIGKILL (as `kill -9` would) the first
///   time it reaches that step; `after-result-write@3` on the third time.
/// - `enospc@result-write` — the write at that step fails with "No space left on device";
///   `eacces@stage-write` with "Permission denied". The error repeats every time the step is hit.
///
/// - `pause@after-stage` — each time the step is reached, that thread waits until the file named
///   by `REPRISE_FAILPOINT_RELEASE` exists (at most a minute), then goes on: a test can look at
///   what the rest of the process does meanwhile.
///
/// Steps are named where `hit(_:)` or `fault(_:)` is called. Unset, every call is one comparison.
package final class Failpoint: @unchecked Sendable {
  /// What the variable asks for.
  enum Action: Equatable {
    case kill(step: String, onHit: Int)
    case error(step: String, code: Int32)
    case pause(step: String, release: String)
  }

  private let action: Action?
  private let lock = NSLock()
  private var hits = 0

  /// The process-wide fail point, read once from the environment.
  package static let shared = Failpoint(
    specification: ProcessInfo.processInfo.environment["REPRISE_FAILPOINT"], release: ProcessInfo.processInfo.environment["REPRISE_FAILPOINT_RELEASE"])

  init(specification: String?, release: String? = nil) {
    action = specification.flatMap { Failpoint.parse($0, release: release) }
  }

  static func parse(_ text: String, release: String? = nil) -> Action? {
    let errors: [String: Int32] = ["enospc": ENOSPC, "eacces": EACCES, "eio": EIO]
    if let at = text.firstIndex(of: "@") {
      let head = String(text[..<at]), tail = String(text[text.index(after: at)...])
      if let code = errors[head.lowercased()] { return .error(step: tail, code: code) }
      if head == "pause" { return release.map { .pause(step: tail, release: $0) } }
      if let n = Int(tail), n >= 1 { return .kill(step: head, onHit: n) }
      return nil
    }
    return text.isEmpty ? nil : .kill(step: text, onHit: 1)
  }

  /// Kills the process with SIGKILL when the fail point names `step` (on its n-th hit).
  package func hit(_ step: String) {
    if case .pause(let wanted, let release)? = action, wanted == step {
      for _ in 0..<6000 where FileSystem.entryKind(release) == .missing { usleep(10_000) }
      return
    }
    guard case .kill(let wanted, let onHit)? = action, wanted == step else { return }
    lock.lock()
    hits += 1
    let now = hits
    lock.unlock()
    if now == onHit { Platform.killImmediately() }
  }

  /// The injected errno for `step`, when the fail point asks for one.
  package func fault(_ step: String) -> Int32? {
    guard case .error(let wanted, let code)? = action, wanted == step else { return nil }
    return code
  }
}
