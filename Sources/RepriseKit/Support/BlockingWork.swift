import Dispatch

/// Runs blocking work (waiting for a `flock`, `fsync`, hashing or copying large files) on a
/// dispatch queue of its own, never on Swift's cooperative thread pool, whose few threads must stay
/// free for the tasks that wait on the network.
package enum BlockingWork {
  private static let queue = DispatchQueue(label: "reprise.blocking-work", qos: .utility, attributes: .concurrent)

  /// `body`'s result or error, computed off the cooperative pool.
  package static func run<T: Sendable, E: Error>(throwing body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
    let result: Result<T, E> = await run {
      do throws(E) { return .success(try body()) } catch { return .failure(error) }
    }
    return try result.get()
  }

  /// `body`'s result, computed off the cooperative pool.
  package static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      queue.async { continuation.resume(returning: body()) }
    }
  }
}
