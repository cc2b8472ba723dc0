import Foundation

/// Decides which image requests fail on purpose (`--fail-first`, `--fail-rate`) and how long each one
/// waits (`--latency-ms` plus `--jitter-ms`), from one seeded generator. Only the decision takes the
/// lock; the waiting happens on the connection's own thread.
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

  /// Sleeps for this request's delay on the calling thread.
  func waitLatency() {
    let milliseconds = delayMs()
    if milliseconds > 0 { Thread.sleep(forTimeInterval: Double(milliseconds) / 1000) }
  }
}
