import Dispatch
import Foundation
import RepriseKit

/// Turns Ctrl-C (SIGINT) and SIGTERM into a drain stop request while a drain runs.
final class InterruptTrap: @unchecked Sendable {
  private var sources: [DispatchSourceSignal] = []
  /// The dispositions in place before, restored by `remove()` (e.g. `TerminationSignal`'s).
  private var previous: [Platform.SignalDisposition] = []

  init(control: DrainControl, console: Console) {
    for sig in [Platform.interruptSignal, Platform.terminationSignal] {
      previous.append(Platform.ignore(sig))
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler {
        if !control.isStopping {
          console.errLine("interrupted: finishing in-flight requests (up to \(Int(control.grace)) s), then returning unfinished jobs to pending/")
        }
        control.requestStop()
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Restores the handling in place before the drain.
  func remove() {
    for source in sources { source.cancel() }
    for saved in previous { Platform.restore(saved) }
  }
}
