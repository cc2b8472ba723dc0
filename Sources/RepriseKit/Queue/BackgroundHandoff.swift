import Foundation

/// The seed skill's queue-and-return: after jobs are queued, start a detached worker unless
/// enough live workers (counted by their locks) already drain the queue, record what happened in
/// `handoff/<request_id>.json`, and return the acknowledgement at once.
package struct BackgroundHandoff: Sendable {
  /// The queue.
  package let layout: QueueLayout
  /// `--max-background-workers`.
  package let maxWorkers: Int
  /// `--orphan-timeout-sec`.
  package let orphanTimeout: TimeInterval
  /// The `reprise` executable to start.
  package let executable: String
  /// The worker's environment (the key travels in the environment, never in a file).
  package let environment: [String: String]
  /// `--on-complete`: run once every job of the request has ended (see `CompletionHookRunner`).
  package var onComplete: CompletionHook?
  /// Drain flags the started worker gets (`DrainOptions.workerArguments`: `--enforce-locks`, thresholds).
  package var workerArguments: [String] = []

  /// A handoff as given.
  package init(layout: QueueLayout, maxWorkers: Int, orphanTimeout: TimeInterval, executable: String, environment: [String: String]) {
    self.layout = layout
    self.maxWorkers = maxWorkers
    self.orphanTimeout = orphanTimeout
    self.executable = executable
    self.environment = environment
  }

  /// The acknowledgement's `worker_state` values.
  package enum WorkerState: String, Sendable {
    /// A new detached worker was started (it already holds its lock).
    case spawned
    /// `--max-background-workers` live workers already drain the queue; they take these jobs.
    case reused
    /// No worker was started: `--max-background-workers 0`, or starting one failed while
    /// others are alive (the reason says which).
    case skipped
  }

  /// Hands off; returns the acknowledgement (also written to `handoff/<request_id>.json`).
  /// The worker count, the new worker's lock and the spawn all happen under the queue's handoff
  /// lock, so concurrent handoffs never start more than `maxWorkers` workers.
  /// The wait for the handoff lock and the spawn run off the cooperative pool.
  package func handOff(requestID: String, jobs: [String], manifest: String?, extra: [String: JSONValue] = [:]) async throws(RepriseError) -> JSONValue {
    try await BlockingWork.run(throwing: { () throws(RepriseError) in try self.handOffNow(requestID: requestID, jobs: jobs, manifest: manifest, extra: extra) })
  }

  func handOffNow(requestID: String, jobs: [String], manifest: String?, extra: [String: JSONValue]) throws(RepriseError) -> JSONValue {
    let store = QueueStore(layout: layout)
    let recovery = store.recoverOrphans(orphanTimeout: orphanTimeout)
    let logPath = layout.handoff + "/" + requestID + ".worker.log"
    let handoffPath = layout.handoff + "/" + requestID + ".json"
    var spawnError: RepriseError?
    var ack: [String: JSONValue] = [:]
    try WorkerLock.withHandoffLock(layout) { () throws(RepriseError) in
      let live = WorkerLock.liveWorkers(layout)
      var state = WorkerState.skipped
      var pid: Int32?
      if maxWorkers > 0 && live.count >= maxWorkers { state = .reused }
      if maxWorkers > 0 && live.count < maxWorkers {
        do throws(RepriseError) {
          let lock = try WorkerLock.acquire(layout)
          let inherited = fcntl(lock.descriptor, F_DUPFD_CLOEXEC, 10)
          var childEnvironment = environment
          childEnvironment[WorkerLock.inheritedDescriptorVariable] = "3"
          childEnvironment[WorkerLock.inheritedIDVariable] = lock.id
          do throws(RepriseError) {
            pid = try DetachedProcess.spawn(
              executable: executable,
              arguments: ["drain", "--queue-dir", layout.root, "--handoff-mode", "background", "--orphan-timeout-sec", String(Int(orphanTimeout))]
                + workerArguments,
              logPath: logPath, environment: childEnvironment, inheritedDescriptor: inherited)
            if inherited >= 0 { close(inherited) }
            lock.handOver()
            state = .spawned
          } catch {
            if inherited >= 0 { close(inherited) }
            lock.release()
            throw error
          }
        } catch {
          spawnError = error
        }
      }
      if let spawnError, live.isEmpty { throw spawnError }
      // Several handoffs may share one request id: the record lists every job any of them queued.
      let earlierRecord = store.readRecord(handoffPath)
      let earlier = earlierRecord?["jobs"]?.arrayValue?.compactMap(\.stringValue) ?? []
      let allJobs = earlier + jobs.filter { !earlier.contains($0) }
      ack = [
        "status": .string("queued"),
        "request_id": .string(requestID),
        "manifest": .optional(manifest),
        "jobs": .strings(jobs),
        "queue_dir": .string(layout.root),
        "handoff_mode": .string("background"),
        "handoff_file": .string(handoffPath),
        "worker_state": .string(state.rawValue),
        "worker_log": state == .spawned ? .string(logPath) : .null,
        "worker_pid": pid.map { JSONValue.int(Int64($0)) } ?? .null,
        "live_workers_before": .strings(live),
        "max_background_workers": .int(Int64(maxWorkers)),
        "orphan_timeout_sec": .int(Int64(orphanTimeout)),
        "recovered_orphans": .strings(recovery.requeued + recovery.completed),
        "queued_at": .string(Timestamp.now()),
        "status_command": .string("reprise status --queue-dir \(ShellQuoting.quote(layout.root)) --request-id \(requestID) --json"),
      ]
      switch state {
      case .reused:
        // A running worker keeps the drain flags it was started with.
        let settings = workerArguments.isEmpty ? "" : " with the settings it was started with, not \(workerArguments.joined(separator: " "))"
        ack["reason"] = .string("\(live.count) live worker(s) >= --max-background-workers \(maxWorkers): a running worker drains these jobs\(settings)")
      case .skipped:
        ack["reason"] = .string(
          spawnError?.message ?? "--max-background-workers is 0: run 'reprise drain --queue-dir \(ShellQuoting.quote(layout.root))' to process the jobs")
      case .spawned: break
      }
      for (k, v) in extra { ack[k] = v }
      var record = ack
      record["jobs"] = .strings(allJobs)
      // A request id has one hook: the first one recorded (with its state) stays.
      if let hook = earlierRecord?["on_complete"] ?? onComplete?.json { record["on_complete"] = hook }
      do throws(FileSystem.Failure) {
        try FileSystem.writeAtomically(JSONWriter.pretty(.object(record)), to: handoffPath, step: "handoff-write")
      } catch where onComplete != nil {
        ack["on_complete_error"] = .string("cannot record the --on-complete hook in '\(handoffPath)': \(error.reason); it will not run")
      } catch {}
      if let hook = record["on_complete"], onComplete != nil { ack["on_complete"] = hook }
    }
    return .object(ack)
  }
}
