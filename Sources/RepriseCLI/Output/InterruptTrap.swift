import Dispatch
import Foundation
import RepriseKit

#if canImport(Glibc)
  import Glibc
#endif

/// Turns Ctrl-C (SIGINT) and SIGTERM into a drain stop request while a drain runs.
final class InterruptTrap: @unchecked Sendable {
  private var sources: [DispatchSourceSignal] = []

  init(control: DrainControl, console: Console) {
    for sig in [SIGINT, SIGTERM] {
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

  /// Restores default handling.
  func remove() {
    for source in sources { source.cancel() }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
