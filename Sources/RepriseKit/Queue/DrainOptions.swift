import Foundation

/// How a drain runs.
package struct DrainOptions: Sendable {
  /// Requests in flight at once.
  package var concurrency: Int = 4
  /// Stop claiming after this many jobs (nil: until none are left).
  package var maxJobs: Int?
  /// Only jobs of this request id.
  package var requestID: String?
  /// Only these job ids (a foreground `variants` or `rerun` drains its own jobs).
  package var jobIDs: Set<String>?
  /// `foreground` or `background`, recorded on results.
  package var handoffMode: String = "foreground"
  /// A claim whose heartbeat is older than this is recovered (seconds).
  package var orphanTimeout: TimeInterval = 1800
  /// Jobs enqueued by this same invocation.
  package var enqueuedHere: Set<String> = []
  /// Stop claiming once the spent total reaches this many USD.
  package var maxCost: Double?
  /// The expected price of one job (from the cached model list), reserved for each request in
  /// flight under `maxCost`; without it the largest price seen so far is used, and until one is
  /// seen only one request is in flight.
  package var costEstimatePerJob: Double?

  /// Thresholds of the lock verdicts recorded in each result's `measures`.
  package var measureThresholds: MeasureThresholds = .standard
  /// `--enforce-locks N`: retries with the next seed for a job whose output broke a planned lock (0: none).
  package var enforceLocks = 0
  /// Measure each stored output (`REPRISE_MEASURES=off` turns it off, to compare drain costs).
  package var measureOutputs = true

  /// The environment `--on-complete` hooks start from (nil: this process's own).
  package var hookEnvironment: [String: String]?

  /// Defaults.
  package init() {}

  /// The flags a detached worker needs to drain as this drain would: `--enforce-locks` and the
  /// verdict thresholds, when not the defaults.
  package var workerArguments: [String] {
    var arguments: [String] = []
    // The cap travels with the jobs: a detached worker without it would spend without limit.
    if let maxCost { arguments += ["--max-cost", JSONWriter.formatDouble(maxCost)] }
    if enforceLocks > 0 { arguments += ["--enforce-locks", String(enforceLocks)] }
    if measureThresholds.paletteDistance != MeasureThresholds.standard.paletteDistance {
      arguments += ["--palette-threshold", String(measureThresholds.paletteDistance)]
    }
    if measureThresholds.compositionSSIM != MeasureThresholds.standard.compositionSSIM {
      arguments += ["--composition-threshold", String(measureThresholds.compositionSSIM)]
    }
    return arguments
  }

  /// How often claims are refreshed: a quarter of the orphan timeout, between 0.2 s and 30 s.
  package var heartbeatInterval: TimeInterval { max(0.2, min(30, orphanTimeout / 4)) }
}
