/// What a drain did.
public struct DrainSummary: Sendable {
  /// Records of jobs that finished, in finishing order.
  public var records: [JobResult] = []
  /// Jobs that succeeded.
  public var succeeded = 0
  /// Jobs that failed (malformed ones included).
  public var failed = 0
  /// Jobs returned to `pending/`.
  public var returned = 0
  /// Total `usage.cost` of finished jobs, in USD.
  public var cost = 0.0
  /// True when stopped by the user.
  public var interrupted = false
  /// True when the cost cap stopped claiming.
  public var costCapReached = false
  /// Why the drain stopped claiming because the queue or an output folder took no more writes
  /// (full disk, permissions); nil when it did not.
  public var storageFailure: String?

  /// Empty.
  public init() {}
}
