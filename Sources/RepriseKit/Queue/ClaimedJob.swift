/// A job a worker has claimed: its processing file `processing/<job_id>@<worker_id>.json`
/// (the name carries the owner; its modification time is the heartbeat).
public struct ClaimedJob: Sendable {
  /// The job.
  public let job: QueuedJob
  /// The claiming worker.
  public let workerID: String
  /// The processing file.
  public let path: String
}
