import RepriseKit

/// SIGTERM ends `reprise` with exit 130 and one `error:` line, like an interruption, whatever
/// the parent left: an ignored disposition or a blocked signal mask is inherited across exec (test
/// runners and some supervisors block signals). A drain replaces this with `InterruptTrap` while
/// it runs, which stops gracefully instead. SIGINT keeps its default action (the process dies by
/// the signal, which shells report as 130) but is unblocked too.
package enum TerminationSignal {
  /// Installs the handler; call once at startup, from the executable only, before other threads.
  package static func install() {
    Platform.unblock([Platform.terminationSignal, Platform.interruptSignal])
    Platform.handle(Platform.terminationSignal) { _ in
      Platform.exitFromSignalHandler("error: interrupted (SIGTERM)\n", status: 130)
    }
  }
}
