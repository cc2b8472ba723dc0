import Foundation

/// The pending job ids a drain claims from, in job-id order: listed from `pending/` when it runs
/// dry instead of for every claim. Shared by the claims of one drain.
package final class PendingIndex: @unchecked Sendable {
  private let lock = NSLock()
  private var ids: [String] = []
  private var position = 0

  /// An empty index (the first claim lists `pending/`).
  package init() {}

  /// The next id, or nil when the index ran dry.
  func next() -> String? {
    lock.lock()
    defer { lock.unlock() }
    guard position < ids.count else { return nil }
    position += 1
    return ids[position - 1]
  }

  /// Replaces the ids (sorted) with a new listing.
  func refill(_ listing: [String]) {
    lock.lock()
    ids = listing
    position = 0
    lock.unlock()
  }
}
