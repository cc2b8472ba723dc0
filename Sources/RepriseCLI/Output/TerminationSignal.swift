#if canImport(Glibc)
  import Glibc
#endif

/// SIGTERM ends `reprise` with exit 130 and one `error:` line, like an interruption, whatever
/// the parent left: an ignored disposition or a blocked signal mask is inherited across exec (test
/// runners and some supervisors block signals). A drain replaces this with `InterruptTrap` while
/// it runs, which stops gracefully instead. SIGINT keeps its default action (the process dies by
/// the signal, which shells report as 130) but is unblocked too.
public enum TerminationSignal {
  /// Installs the handler; call once at startup, from the executable only, before other threads.
  public static func install() {
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGTERM)
    sigaddset(&unblock, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    signal(SIGTERM) { _ in
      let message: StaticString = "error: interrupted (SIGTERM)\n"
      _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
      _exit(130)
    }
  }
}
