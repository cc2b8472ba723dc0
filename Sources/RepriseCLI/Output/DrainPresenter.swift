import Foundation
import RepriseKit

/// Shows a foreground run on stderr: the batch line, progress lines while the drain runs, the
/// one storage-failure error line at its end; and turns Ctrl-C into a stop request (through
/// `control`) only while the drain runs.
final class DrainPresenter: @unchecked Sendable {
  /// Where stop requests go; pass it to the operation.
  let control = DrainControl(grace: 5)
  private let lock = NSLock()
  private let console: Console
  private let quiet: Bool
  private let environment: [String: String]
  private var trap: InterruptTrap?
  private var reporter: ProgressReporter?

  init(console: Console, quiet: Bool, environment: [String: String]) {
    self.console = console
    self.quiet = quiet
    self.environment = environment
  }

  /// Handles one event of the run.
  func handle(_ event: RunEvent) {
    switch event {
    case .queued(let manifest, let manifestID, let toRun, let alreadySucceeded):
      if !quiet {
        console.errLine(
          "manifest \(manifest) (\(manifestID)); \(toRun) job\(toRun == 1 ? "" : "s") to "
            + "run\(alreadySucceeded == 0 ? "" : ", \(alreadySucceeded) already done")"
        )
      }
    case .drainStarted(let total):
      lock.lock()
      trap = InterruptTrap(control: control, console: console)
      reporter = ProgressReporter(console: console, total: total, quiet: quiet, environment: environment)
      lock.unlock()
    case .drain(let drainEvent):
      lock.lock()
      let reporter = reporter
      lock.unlock()
      reporter?.handle(drainEvent)
    case .drainEnded(let summary, let layout):
      lock.lock()
      let (reporter, trap) = (self.reporter, self.trap)
      self.reporter = nil
      self.trap = nil
      lock.unlock()
      reporter?.finish()
      if let reason = summary.storageFailure {
        let left = layout.jobIDs(in: layout.pending).count
        console.errLine(
          "error: stopped claiming: \(reason); \(left) job(s) wait in \(layout.pending) — free space or fix permissions, then run: reprise drain --queue-dir "
            + "\(ShellQuoting.quote(layout.root))"
        )
      }
      trap?.remove()
    }
  }
}
