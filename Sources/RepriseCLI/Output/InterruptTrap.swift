import Dispatch
import Foundation
import RepriseKit

#if canImport(Glibc)
  import Glibc
#endif

/// Turns Ctrl-C (SIGINT) and SIGTERM into a drain stop request while a drain runs.
final class InterruptTrap: @unchecked Sendable {
  private var sources: [DispatchSourceSignal] = []
  /// The dispositions in place before, restored by `remove()` (e.g. `TerminationSignal`'s).
  private var previous: [(Int32, sigaction)] = []

  init(control: DrainControl, console: Console) {
    for sig in [SIGINT, SIGTERM] {
      var old = sigaction()
      sigaction(sig, nil, &old)
      previous.append((sig, old))
      signal(sig, SIG_IGN)
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
    for (sig, old) in previous {
      var action = old
      sigaction(sig, &action, nil)
    }
  }
}
