/// What a drain reports as it goes (the CLI turns these into progress lines).
package enum DrainEvent: Sendable {
  /// Orphaned claims were recovered.
  case recovered(QueueStore.Recovery)
  /// A job was claimed and its request is being sent.
  case started(jobID: String)
  /// A job finished with this record.
  case finished(jobID: String, record: JobResult, succeeded: Bool)
  /// A job file could not be read; it was moved to `failed/`.
  case malformed(jobID: String, reason: String)
  /// A job went back to `pending/` (interrupted).
  case returned(jobID: String)
  /// The cost cap was reached; no more jobs are claimed.
  case costCapReached(spent: Double)
  /// A record or image could not be stored; no more jobs are claimed.
  case storageFailure(reason: String)
}
