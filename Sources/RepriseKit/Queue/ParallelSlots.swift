import Foundation

/// One slot per item of work spread over threads (`DispatchQueue.concurrentPerform`): each slot
/// is written by one iteration only, and read after they all end.
final class ParallelSlots<Value>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Value>

  /// `count` slots holding `initial`.
  init(count: Int, initial: Value) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: initial)
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  /// Sets slot `n` (from the one iteration that owns it).
  func set(_ n: Int, _ value: Value) { slots[n] = value }

  /// Every slot, once the iterations have ended.
  var values: [Value] { Array(slots) }

  /// Runs `body` for every index below `count` on every core, in `4 x cores` interleaved
  /// chunks, each with the state `makeState` gives it once (a reused buffer, for example), and
  /// returns what it gave for each index.
  static func fill<State>(
    count: Int, initial: Value, makeState: @Sendable () -> State, release: @Sendable (State) -> Void = { _ in },
    body: @Sendable (Int, inout State) -> Value
  ) -> [Value] {
    let slots = ParallelSlots(count: count, initial: initial)
    let chunks = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var state = makeState()
      defer { release(state) }
      var n = chunk
      while n < count {
        slots.set(n, body(n, &state))
        n += chunks
      }
    }
    return slots.values
  }
}
