import Foundation

/// What a drain has spent on jobs that ended, shared with its executors so `--enforce-locks`
/// retries can stay within `--max-cost`.
package final class SpendLedger: @unchecked Sendable {
  private let lock = NSLock()
  private var total = 0.0

  /// An empty ledger.
  package init() {}

  /// USD spent by jobs that ended.
  package var spent: Double {
    lock.lock()
    defer { lock.unlock() }
    return total
  }

  /// Adds a finished job's cost.
  package func add(_ cost: Double) {
    lock.lock()
    total += cost
    lock.unlock()
  }
}
