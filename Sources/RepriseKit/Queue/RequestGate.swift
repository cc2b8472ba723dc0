import Foundation

/// Opens once a job will send no more requests, so the drain can start the next job's request
/// while this one's output is still being measured and written. Waiting on a gate that is already
/// open returns at once; opening it again does nothing.
package final class RequestGate: @unchecked Sendable {
  private let lock = NSLock()
  private var opened = false
  private var waiter: CheckedContinuation<Void, Never>?

  /// A closed gate.
  package init() {}

  /// Opens the gate, resuming its waiter if there is one.
  package func open() {
    lock.lock()
    if opened {
      lock.unlock()
      return
    }
    opened = true
    let waiting = waiter
    waiter = nil
    lock.unlock()
    waiting?.resume()
  }

  /// Returns once the gate is open (one waiter at a time).
  package func wait() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      lock.lock()
      if opened {
        lock.unlock()
        continuation.resume()
        return
      }
      waiter = continuation
      lock.unlock()
    }
  }
}
