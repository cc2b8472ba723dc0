import Foundation

/// Runs async work from the synchronous command layer and waits for its result.
enum BlockingTask {
  static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      box.value = await work()
      done.signal()
    }
    done.wait()
    return box.value!
  }

  private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
  }
}
