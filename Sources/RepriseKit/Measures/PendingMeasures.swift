import Dispatch
import Foundation

/// Measures being computed while the drain writes the job's files: started as soon as the output's
/// bytes are known, so decoding overlaps writing and flushing the temporaries, and read (waiting if
/// need be) just before the staged record is written, which therefore holds them, as the result does.
///
/// Measuring is CPU work, so it runs on queues of its own, one per core: never on Swift's
/// cooperative pool (whose threads wait on the network), never on libdispatch's shared global pool,
/// and never on a `BlockingWork` lane (the caller waits on one, which must not wait on itself).
package final class PendingMeasures: @unchecked Sendable {
  private static let queues: [DispatchQueue] = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount)).map {
    DispatchQueue(label: "reprise.measure.\($0)", qos: .utility)
  }
  private static let load = LaneLoad(lanes: queues.count)

  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var result: ImageMeasures?

  /// Starts `body` on the next measuring queue.
  package init(_ body: @escaping @Sendable () -> ImageMeasures) {
    let lane = Self.load.take()
    Self.queues[lane].async { [self] in
      let measures = body()
      Self.load.done(lane)
      lock.lock()
      result = measures
      lock.unlock()
      done.signal()
    }
  }

  /// The measures, waiting for them: call it off the cooperative pool (on a `BlockingWork` lane).
  package func value() -> ImageMeasures {
    lock.lock()
    if let result {
      lock.unlock()
      return result
    }
    lock.unlock()
    done.wait()
    done.signal()  // a later call returns at once
    lock.lock()
    defer { lock.unlock() }
    return result!
  }
}
