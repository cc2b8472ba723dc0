import Dispatch

/// Measures computed on another thread while the caller goes on (the drain writes the images
/// meanwhile); `wait()` returns them.
package final class MeasureTask: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: ImageMeasures?

  private init() {}

  /// Starts `body` at once on a utility queue.
  package static func start(_ body: @escaping @Sendable () -> ImageMeasures) -> MeasureTask {
    let task = MeasureTask()
    DispatchQueue.global(qos: .utility).async {
      task.result = body()
      task.done.signal()
    }
    return task
  }

  /// The measures, once computed (the semaphore orders the write before this read).
  package func wait() -> ImageMeasures {
    done.wait()
    return result ?? ImageMeasures(notMeasured: "not measured")
  }
}
