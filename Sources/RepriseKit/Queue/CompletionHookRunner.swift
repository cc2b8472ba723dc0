import Foundation

/// Runs a request's `--on-complete` hook exactly once, when every job of the request has ended
/// (succeeded or failed), whichever process ends the last job.
///
/// Every worker asks after each job it finishes (`jobEnded`); drains and hand-offs also `sweep`
/// the queue (a job a recovery completed, a request whose jobs had all ended before its hand-off,
/// a hook whose firer died). The right to fire is a `HookMarker` created exclusively, so of
/// several workers finishing a request's last jobs at once exactly one runs the hook. The runner
/// writes `status --json` for the request to `handoff/on-complete/<request_id>.status.json`,
/// starts the program without a shell in its own session (stdin `/dev/null`, output appended to
/// `handoff/<request_id>.worker.log`) with `REPRISE_REQUEST_ID`, `REPRISE_STATUS` (`succeeded` or
/// `failed`), `REPRISE_STATUS_JSON` (that file) and `REPRISE_QUEUE_DIR` added to its environment and
/// `OPENROUTER_API_KEY` removed, waits for it, and records state, exit code and times under
/// `on_complete` in `handoff/<request_id>.json`.
package struct CompletionHookRunner: Sendable {
  /// The queue.
  package let layout: QueueLayout
  /// The environment the hook starts from (the worker's own, by default).
  package let environment: [String: String]

  /// A runner for `layout`'s hooks.
  package init(layout: QueueLayout, environment: [String: String]? = nil) {
    self.layout = layout
    self.environment = environment ?? ProcessInfo.processInfo.environment
  }

  /// Variables never passed to a hook: the key, and a worker's own lock hand-over and fail point.
  static let withheldVariables: Set<String> = [
    "OPENROUTER_API_KEY", WorkerLock.inheritedDescriptorVariable, WorkerLock.inheritedIDVariable, "REPRISE_FAILPOINT",
  ]

  /// `handoff/on-complete`, where markers and status files live (apart from the records, whose
  /// names are free-form request ids).
  var folder: String { layout.handoff + "/on-complete" }
  func markerPath(_ requestID: String) -> String { folder + "/" + requestID + ".fired" }
  func statusPath(_ requestID: String) -> String { folder + "/" + requestID + ".status.json" }
  func recordPath(_ requestID: String) -> String { layout.handoff + "/" + requestID + ".json" }
  func logPath(_ requestID: String) -> String { layout.handoff + "/" + requestID + ".worker.log" }

  /// Called when a job of `requestID` has ended: runs the request's hook if this was the last
  /// one and no one else has. Waits for the hook (off the cooperative pool).
  package func jobEnded(requestID: String?) async {
    guard let requestID, QueuedJob.isSafeName(requestID) else { return }
    await BlockingWork.run { self.fireIfComplete(requestID) }
  }

  /// Runs every hook that is due and not yet run, and takes over hooks whose firer died before
  /// starting the program (closing those that died while it ran as `abandoned`).
  package func sweep() async {
    await BlockingWork.run { self.sweepNow() }
  }

  func sweepNow() {
    guard FileSystem.isDirectory(layout.handoff) else { return }
    FileSystem.removeAbandonedTemporaries(in: folder)
    for name in (try? FileManager.default.contentsOfDirectory(atPath: layout.handoff))?.sorted() ?? [] where name.hasSuffix(".json") {
      let requestID = String(name.dropLast(5))
      if QueuedJob.isSafeName(requestID) { fireIfComplete(requestID) }
    }
  }

  func fireIfComplete(_ requestID: String) {
    guard let record = readRecordWithHook(requestID), let hook = CompletionHook(json: record["on_complete"]) else { return }
    let path = markerPath(requestID)
    if FileSystem.entryKind(path) != .missing {
      guard let (marker, state) = HookMarker.takeOver(path) else { return }
      if state == .running {
        let previous = HookMarker.read(path)?.objectValue ?? [:]
        var closed = previous
        closed["state"] = .string(HookMarker.State.abandoned.rawValue)
        closed["error"] = .string("the process running the hook ended before it did: its exit code is unknown (the hook is not run again)")
        marker.write(.object(closed))
        updateRecord(requestID, closed)
        marker.release()
        return
      }
      guard let report = endedReport(requestID) else { return marker.release() }
      run(hook, requestID: requestID, report: report, marker: marker)
      return
    }
    guard let report = endedReport(requestID) else { return }
    do { try FileSystem.makeDirectories(folder) } catch { return }
    let claimed: [String: JSONValue] = [
      "state": .string(HookMarker.State.claimed.rawValue), "claimed_at": .string(Timestamp.now()),
      "claimed_by_pid": .int(Int64(Platform.processID)),
    ]
    guard let marker = try? HookMarker.claim(path, content: .object(claimed)) else { return }
    run(hook, requestID: requestID, report: report, marker: marker)
  }

  /// The request's report when every one of its jobs has ended; nil while any is pending,
  /// processing or orphaned (it will still run).
  func endedReport(_ requestID: String) -> JobStatusReport? {
    let store = QueueStore(layout: layout)
    let jobs = RequestJobs.find(store, requestID: requestID)
    guard !jobs.isEmpty else { return nil }
    let report = JobStatusReport(jobs: jobs, store: store)
    let ended: Set<String> = ["succeeded", "failed", "missing"]
    return report.entries.allSatisfy { ended.contains($0.state) } ? report : nil
  }

  func run(_ hook: CompletionHook, requestID: String, report: JobStatusReport, marker: HookMarker) {
    defer { marker.release() }
    Failpoint.shared.hit("after-hook-claim")
    let succeeded = report.entries.allSatisfy { $0.state == "succeeded" }
    let status = succeeded ? "succeeded" : "failed"
    var state: [String: JSONValue] = ["argv": .strings(hook.arguments), "executable": .string(hook.executable), "status": .string(status)]
    let statusFile = statusPath(requestID)
    let statusJSON = report.json(extra: ["queue_dir": .string(layout.root), "request_id": .string(requestID), "manifest_id": .null])
    do { try FileSystem.writeAtomically(JSONWriter.pretty(statusJSON), to: statusFile) } catch {
      state["state"] = .string(HookMarker.State.ran.rawValue)
      state["exit_code"] = .null
      state["error"] = .string("cannot write '\(statusFile)': \(error.reason)")
      return finish(requestID, state, marker: marker)
    }
    state["status_file"] = .string(statusFile)
    var childEnvironment = environment.filter { !Self.withheldVariables.contains($0.key) }
    childEnvironment["REPRISE_REQUEST_ID"] = requestID
    childEnvironment["REPRISE_STATUS"] = status
    childEnvironment["REPRISE_STATUS_JSON"] = statusFile
    childEnvironment["REPRISE_QUEUE_DIR"] = layout.root
    let log = logPath(requestID)
    appendLog(log, "reprise: on-complete hook for request \(requestID) (\(status)): \(hook.arguments.map(ShellQuoting.quote).joined(separator: " "))")
    state["started_at"] = .string(Timestamp.now())
    let pid: Int32
    do {
      pid = try Platform.spawnDetached(
        executable: hook.executable, arguments: Array(hook.arguments.dropFirst()), environment: childEnvironment, logPath: log, inherited: nil)
    } catch {
      state["state"] = .string(HookMarker.State.ran.rawValue)
      state["exit_code"] = .null
      state["error"] = .string("cannot start \(hook.executable): \(error.reason)")
      appendLog(log, "reprise: on-complete hook for request \(requestID) did not start: \(error.reason)")
      return finish(requestID, state, marker: marker)
    }
    state["state"] = .string(HookMarker.State.running.rawValue)
    state["pid"] = .int(Int64(pid))
    marker.write(.object(state))
    updateRecord(requestID, state)
    let exit = Platform.waitForExit(pid)
    state["state"] = .string(HookMarker.State.ran.rawValue)
    state["exit_code"] = exit.map { .int(Int64($0)) } ?? .null
    appendLog(log, "reprise: on-complete hook for request \(requestID) exited with \(exit.map(String.init) ?? "an unknown status")")
    finish(requestID, state, marker: marker)
  }

  func finish(_ requestID: String, _ state: [String: JSONValue], marker: HookMarker) {
    var state = state
    state["finished_at"] = .string(Timestamp.now())
    marker.write(.object(state))
    updateRecord(requestID, state)
  }

  func readRecord(_ requestID: String) -> JSONValue? {
    guard let bytes = try? FileSystem.readFile(recordPath(requestID), limit: 64 * 1_048_576, noFollow: true) else { return nil }
    return try? JSONParser().parse(bytes)
  }

  /// The record when it may name a hook: one without the bytes `"on_complete"` anywhere names
  /// none and is not parsed (every worker asks after every job, and a 1,000-job hand-off record
  /// is 60 KB of job ids: parsing it per job was 7 % of a drain's CPU).
  func readRecordWithHook(_ requestID: String) -> JSONValue? {
    guard let bytes = try? FileSystem.readFile(recordPath(requestID), limit: 64 * 1_048_576, noFollow: true) else { return nil }
    let key = Array("\"on_complete\"".utf8)
    guard bytes.withUnsafeBufferPointer({ ByteSearch.contains($0, key) }) else { return nil }
    return try? JSONParser().parse(bytes)
  }

  /// Merges `state` into the record's `on_complete`, under the handoff lock (hand-offs rewrite the
  /// record under it too).
  func updateRecord(_ requestID: String, _ state: [String: JSONValue]) {
    WorkerLock.withHandoffLock(layout) {
      guard var record = readRecord(requestID)?.objectValue else { return }
      var hook = record["on_complete"]?.objectValue ?? [:]
      for (key, value) in state { hook[key] = value }
      record["on_complete"] = .object(hook)
      try? FileSystem.writeAtomically(JSONWriter.pretty(.object(record)), to: recordPath(requestID))
    }
  }

  func appendLog(_ path: String, _ line: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return }
    defer { close(fd) }
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
  }
}
