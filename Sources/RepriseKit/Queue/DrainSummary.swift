/// What a drain did.
package struct DrainSummary: Sendable {
  /// Records of jobs that finished, in finishing order.
  package var records: [JobResult] = []
  /// Jobs that succeeded.
  package var succeeded = 0
  /// Jobs that failed (malformed ones included).
  package var failed = 0
  /// Jobs returned to `pending/`.
  package var returned = 0
  /// Total `usage.cost` of finished jobs, in USD.
  package var cost = 0.0
  /// True when stopped by the user.
  package var interrupted = false
  /// True when the cost cap stopped claiming.
  package var costCapReached = false
  /// Why the drain stopped claiming because the queue or an output folder took no more writes
  /// (full disk, permissions); nil when it did not.
  package var storageFailure: String?

  /// Empty.
  package init() {}
}
