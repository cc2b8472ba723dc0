import Foundation


/// One slot per record read by `QueueStore.readRecords`, filled from several threads.
final class RecordSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [JSONValue?]
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ n: Int, _ value: JSONValue?) {
    lock.lock()
    slots[n] = value
    lock.unlock()
  }
  var values: [JSONValue?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}
