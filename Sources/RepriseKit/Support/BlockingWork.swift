import Dispatch
import Foundation

/// Runs blocking work (waiting for a `flock`, `fsync`, hashing or copying large files) on
/// dispatch queues of its own, never on Swift's cooperative thread pool, whose few threads must
/// stay free for the tasks that wait on the network.
///
/// The work is spread over `lanes` serial queues in turn rather than one concurrent queue: a
/// concurrent queue runs on libdispatch's non-overcommitting pool, which on Linux (no kernel
/// work queues to tell it a thread is blocked) runs about one item per core at a time, so on
/// two cores a drain's jobs waited for each other's `fsync`s two at a time (a 1,000-job drain at
/// concurrency 64 and 0.5 s latency took twice the ideal). Serial queues each get a thread of
/// their own when they have work (the overcommitting pool), so up to `lanes` blocking calls wait
/// at once, and the file system commits their flushes together. Each call goes to the lane with
/// the least work waiting, so a call that blocks for long (reading the MCP server's stdin, waiting
/// for a lock another process holds) never holds up the ones behind it while another lane is free.
package enum BlockingWork {
  /// How many blocking calls may wait at once (the largest useful drain concurrency).
  static let lanes = 64

  private static let queues: [DispatchQueue] = (0..<lanes).map { DispatchQueue(label: "reprise.blocking-work.\($0)", qos: .utility) }
  private static let load = LaneLoad(lanes: lanes)

  /// `body`'s result or error, computed off the cooperative pool.
  package static func run<T: Sendable, E: Error>(throwing body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
    let result: Result<T, E> = await run {
      do throws(E) { return .success(try body()) } catch { return .failure(error) }
    }
    return try result.get()
  }

  /// `body`'s result, computed off the cooperative pool.
  package static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    let lane = load.take()
    return await withCheckedContinuation { continuation in
      queues[lane].async {
        let value = body()
        load.done(lane)
        continuation.resume(returning: value)
      }
    }
  }
}
