import Foundation

/// Lets the CLI ask a running drain to stop (Ctrl-C): it stops claiming, gives in-flight requests
/// `grace` seconds, then cancels them and returns their jobs to `pending/`.
package final class DrainControl: @unchecked Sendable {
  private let lock = NSLock()
  private var stopping = false
  private var waiters: [CheckedContinuation<Void, Never>] = []
  /// Seconds in-flight requests get after a stop.
  package let grace: TimeInterval

  /// A control with a grace period.
  package init(grace: TimeInterval = 5) { self.grace = grace }

  /// True once a stop was asked for.
  package var isStopping: Bool { lock.lock(); defer { lock.unlock() }; return stopping }

  /// Asks the drain to stop.
  package func requestStop() {
    lock.lock()
    stopping = true
    let pending = waiters
    waiters = []
    lock.unlock()
    for waiter in pending { waiter.resume() }
  }

  /// Returns when a stop is asked for (or at once if it already was); cancellable.
  func waitForStop() async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        lock.lock()
        if stopping || Task.isCancelled {
          lock.unlock()
          continuation.resume()
        } else {
          waiters.append(continuation)
          lock.unlock()
        }
      }
    } onCancel: {
      lock.lock()
      let pending = waiters
      waiters = []
      lock.unlock()
      for waiter in pending { waiter.resume() }
    }
  }
}
