import Foundation

/// Decides which image requests fail on purpose (`--fail-first`, `--fail-rate`) and how long each one
/// waits (`--latency-ms` plus `--jitter-ms`), from one seeded generator. Only the decision takes the
/// lock; the waiting happens on the connection's own thread.
///
/// The delay is the whole time to the answer: the answer (an image drawn and encoded) is made while
/// it runs, so a burst of requests that all wake at once does not queue behind each other's
/// drawing, and a client's ideal (rounds x latency) stays reachable.
final class FailureInjector: @unchecked Sendable {
  private let lock = NSLock()
  private var random: SplitMix64
  private var attempts: [String: Int] = [:]
  private let failFirst: Int
  private let failRate: Double
  private let failStatus: Int
  private let latencyMs: Int
  private let jitterMs: Int

  init(configuration: MockConfiguration) {
    random = SplitMix64(seed: configuration.randomSeed)
    failFirst = configuration.failFirst
    failRate = configuration.failRate
    failStatus = configuration.failStatus
    latencyMs = configuration.latencyMs
    jitterMs = configuration.jitterMs
  }

  /// The status to fail this attempt with, or nil. `key` identifies the job (prompt text and seed).
  func injectedStatus(for key: String) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    if failFirst > 0 {
      let attempt = (attempts[key] ?? 0) + 1
      attempts[key] = attempt
      if attempt <= failFirst { return failStatus }
    }
    if failRate > 0 && random.nextUnitInterval() < failRate { return failStatus }
    return nil
  }

  /// This request's delay in milliseconds.
  func delayMs() -> Int {
    guard jitterMs > 0 else { return latencyMs }
    lock.lock()
    defer { lock.unlock() }
    return latencyMs + Int(random.next() % UInt64(jitterMs + 1))
  }

  /// `make`'s answer, returned once this request's delay has passed since `started` (at once when
  /// making it took longer); the waiting happens on the calling thread.
  func answer<T>(started: Date, _ make: () -> T) -> T {
    let milliseconds = delayMs()
    let answer = make()
    let remaining = Double(milliseconds) / 1000 - Date().timeIntervalSince(started)
    if remaining > 0 { Thread.sleep(forTimeInterval: remaining) }
    return answer
  }
}
