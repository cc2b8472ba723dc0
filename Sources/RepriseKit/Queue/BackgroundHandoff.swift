import Foundation

/// The seed skill's queue-and-return: after jobs are queued, start a detached worker unless
/// enough live workers (counted by their locks) already drain the queue, record what happened in
/// `handoff/<request_id>.json`, and return the acknowledgement at once.
public struct BackgroundHandoff: Sendable {
  /// The queue.
  public let layout: QueueLayout
  /// `--max-background-workers`.
  public let maxWorkers: Int
  /// `--orphan-timeout-sec`.
  public let orphanTimeout: TimeInterval
  /// The `reprise` executable to start.
  public let executable: String
  /// The worker's environment (the key travels in the environment, never in a file).
  public let environment: [String: String]

  /// A handoff as given.
  public init(layout: QueueLayout, maxWorkers: Int, orphanTimeout: TimeInterval, executable: String, environment: [String: String]) {
    self.layout = layout
    self.maxWorkers = maxWorkers
    self.orphanTimeout = orphanTimeout
    self.executable = executable
    self.environment = environment
  }

  /// Hands off; returns the acknowledgement (also written to `handoff/<request_id>.json`).
  public func handOff(requestID: String, jobs: [String], manifest: String?, extra: [String: JSONValue] = [:]) throws(RepriseError) -> JSONValue {
    let store = QueueStore(layout: layout)
    let recovery = store.recoverOrphans(orphanTimeout: orphanTimeout)
    let logPath = layout.handoff + "/" + requestID + ".worker.log"
    var spawnError: RepriseError?
    let decision = WorkerLock.withHandoffLock(layout) { () -> (state: String, live: [String], pid: Int32?) in
      let live = WorkerLock.liveWorkers(layout)
      if maxWorkers <= 0 { return ("skipped", live, nil) }
      if live.count >= maxWorkers { return ("reused", live, nil) }
      do {
        let pid = try DetachedProcess.spawn(
          executable: executable,
          arguments: ["drain", "--queue-dir", layout.root, "--handoff-mode", "background", "--orphan-timeout-sec", String(Int(orphanTimeout))],
          logPath: logPath, environment: environment)
        return ("spawned", live, pid)
      } catch let error as RepriseError {
        spawnError = error
        return ("skipped", live, nil)
      } catch {
        spawnError = RepriseError.badInput("\(error)")
        return ("skipped", live, nil)
      }
    }
    if let spawnError, decision.live.isEmpty { throw spawnError }
    var ack: [String: JSONValue] = [
      "status": .string(decision.state == "skipped" && decision.live.isEmpty ? "queued_no_worker" : "queued"),
      "request_id": .string(requestID),
      "manifest": .optional(manifest),
      "jobs": .strings(jobs),
      "queue_dir": .string(layout.root),
      "handoff_mode": .string("background"),
      "handoff_file": .string(layout.handoff + "/" + requestID + ".json"),
      "worker_state": .string(decision.state),
      "worker_log": decision.state == "spawned" ? .string(logPath) : .null,
      "worker_pid": decision.pid.map { JSONValue.int(Int64($0)) } ?? .null,
      "live_workers_before": .strings(decision.live),
      "max_background_workers": .int(Int64(maxWorkers)),
      "orphan_timeout_sec": .int(Int64(orphanTimeout)),
      "recovered_orphans": .strings(recovery.requeued + recovery.completed),
      "queued_at": .string(Timestamp.now()),
    ]
    if decision.state == "reused" { ack["reason"] = .string("\(decision.live.count) live worker(s) >= --max-background-workers \(maxWorkers): a running worker drains these jobs") }
    if decision.state == "skipped" { ack["reason"] = .string(spawnError?.message ?? "--max-background-workers is 0: run 'reprise drain --queue-dir \(layout.root)' to process the jobs") }
    for (k, v) in extra { ack[k] = v }
    let value: JSONValue = .object(ack)
    try? FileSystem.writeAtomically(JSONWriter.pretty(value), to: layout.handoff + "/" + requestID + ".json")
    return value
  }
}
