import Foundation

/// How many calls each lane has waiting or running.
final class LaneLoad: @unchecked Sendable {
  private let lock = NSLock()
  private var counts: [Int]

  init(lanes: Int) { counts = Array(repeating: 0, count: lanes) }

  /// The lane with the fewest calls (the first of them), counted one more.
  func take() -> Int {
    lock.lock()
    defer { lock.unlock() }
    var best = 0
    for n in counts.indices where counts[n] < counts[best] {
      best = n
      if counts[n] == 0 { break }
    }
    counts[best] += 1
    return best
  }

  /// One call of `lane` ended.
  func done(_ lane: Int) {
    lock.lock()
    counts[lane] -= 1
    lock.unlock()
  }
}
