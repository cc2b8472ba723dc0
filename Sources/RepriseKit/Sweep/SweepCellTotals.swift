/// Totals of a group of jobs (a cell, or every job with one value of an axis): jobs, succeeded,
/// failed, cost of the finished requests and median latency of the succeeded ones.
package struct SweepCellTotals: Sendable, Equatable {
  /// Jobs in the group.
  package var jobs = 0
  /// Jobs that succeeded.
  package var succeeded = 0
  /// Jobs that failed.
  package var failed = 0
  /// Cost of the group's finished requests (USD).
  package var cost = 0.0
  /// Latencies of the succeeded jobs (ms).
  package var latencies: [Int] = []

  /// Empty totals.
  package init() {}

  /// Adds one job: its state (`succeeded`, `failed`, ...), cost and latency.
  package mutating func add(state: String, cost: Double?, latencyMS: Int?) {
    jobs += 1
    if state == "succeeded" { succeeded += 1 }
    if state == "failed" { failed += 1 }
    self.cost += cost ?? 0
    if state == "succeeded", let latencyMS { latencies.append(latencyMS) }
  }

  /// The median latency (ms; the mean of the middle two for an even count), or nil.
  package var medianLatencyMS: Int? {
    guard !latencies.isEmpty else { return nil }
    let sorted = latencies.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }

  /// `2/2 ok · $0.0774 · median 1.2 s` style text pieces.
  package var latencyText: String {
    guard let ms = medianLatencyMS else { return "n/a" }
    return ms < 1000 ? "\(ms) ms" : String(format: "%.1f s", Double(ms) / 1000)
  }
}
