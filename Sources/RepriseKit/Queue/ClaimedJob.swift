/// A job a worker has claimed: its processing file `processing/<job_id>@<worker_id>.json`
/// (the name carries the owner; its modification time is the heartbeat).
package struct ClaimedJob: Sendable {
  /// The job.
  package let job: QueuedJob
  /// The claiming worker.
  package let workerID: String
  /// The processing file.
  package let path: String
}
