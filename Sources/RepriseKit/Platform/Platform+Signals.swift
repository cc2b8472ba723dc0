import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

extension Platform {
  /// Ctrl-C (SIGINT).
  package static let interruptSignal: Int32 = SIGINT
  /// A polite request to stop (SIGTERM), as sent by `kill` and supervisors.
  package static let terminationSignal: Int32 = SIGTERM

  /// A signal's disposition as it was before `ignore(_:)` changed it.
  package struct SignalDisposition: @unchecked Sendable {
    /// The signal.
    package let signal: Int32
    /// The saved sigaction(2) structure (its handler field is a union on glibc, a different
    /// union on Darwin; it is only ever handed back to sigaction(2) whole).
    fileprivate let action: sigaction
  }

  /// Ignores `signal` (signal(3) `SIG_IGN`) so that a dispatch signal source alone sees it, and
  /// returns the previous disposition (sigaction(2)). The same calls on both systems.
  package static func ignore(_ number: Int32) -> SignalDisposition {
    var old = sigaction()
    sigaction(number, nil, &old)
    signal(number, SIG_IGN)
    return SignalDisposition(signal: number, action: old)
  }

  /// Puts back a disposition saved by `ignore(_:)` (sigaction(2)).
  package static func restore(_ saved: SignalDisposition) {
    var action = saved.action
    sigaction(saved.signal, &action, nil)
  }

  /// Unblocks `signals` for the calling thread, which new threads inherit (pthread_sigmask(3)):
  /// a blocked mask is inherited across exec from whoever started us.
  package static func unblock(_ signals: [Int32]) {
    var set = sigset_t()
    sigemptyset(&set)
    for number in signals { sigaddset(&set, number) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// A C signal handler: it may only make async-signal-safe calls (signal-safety(7)).
  package typealias SignalHandler = @convention(c) (Int32) -> Void

  /// Runs `handler` when `signal` arrives (signal(3); BSD semantics on both systems: the handler
  /// stays installed and interrupted system calls restart).
  package static func handle(_ number: Int32, with handler: SignalHandler) {
    signal(number, handler)
  }

  /// From a signal handler: writes `message` to stderr (write(2)) and ends the process with
  /// `status` without running exit handlers (_exit(2)); both are async-signal-safe.
  package static func exitFromSignalHandler(_ message: StaticString, status: Int32) -> Never {
    _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
    _exit(status)
  }
}
