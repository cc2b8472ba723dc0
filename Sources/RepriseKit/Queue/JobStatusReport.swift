import Foundation

/// The one consolidated completion report: each job's state, outputs that exist, failures with
/// one-line reasons, and the total cost.
package struct JobStatusReport: Sendable {
  /// One job's state.
  package struct Entry: Sendable {
    /// Job id.
    package let jobID: String
    /// `succeeded`, `failed`, `pending`, `processing`, `orphaned` (claimed by a worker that is
    /// gone: its lock is free) or `missing`.
    package let state: String
    /// The output path, when it exists.
    package let output: String?
    /// The failure reason, when failed.
    package let reason: String?
    /// `usage.cost` of the finished request.
    package let cost: Double
    /// The record (result or failure), if any.
    package var record: JobResult? { box?.record }
    /// The record, shared: an entry is copied without copying the record's many members.
    let box: RecordBox?

    init(jobID: String, state: String, output: String?, reason: String?, cost: Double, record: RecordBox?) {
      self.jobID = jobID
      self.state = state
      self.output = output
      self.reason = reason
      self.cost = cost
      box = record
    }
  }

  /// A record held once and shared (by the reader that made it, the records by job id, and the
  /// copies of its entry) instead of copying its many members at each step.
  package final class RecordBox: Sendable {
    /// The record.
    package let record: JobResult
    /// `record`, boxed.
    package init(_ record: JobResult) { self.record = record }
  }

  /// Entries in the order asked.
  package let entries: [Entry]
  /// Live workers on the queue (counted by their locks).
  package let liveWorkers: Int
  /// The command that resumes the jobs when nothing is working on them.
  package let resumeCommand: String
  /// Job ids recorded in the manifest's picks file (`reprise pick`).
  package let picked: Set<String>
  /// Jobs per state.
  package let counts: [String: Int]
  /// Total cost in USD.
  package let cost: Double
  /// The cost's parts (OpenRouter's fee and the upstream charge when any job ran with BYOK).
  package let costParts: CostParts

  /// The report for `jobs`. Read-only: it never moves, removes or locks anything. `pending/` and
  /// `processing/` are listed once, and each job's record read once.
  /// - Parameter records: records already read (by job id, from `results/` or `failed/`, paths
  ///   absolute), so that a caller that read them to pick the jobs does not make them read twice.
  /// - Parameter picked: job ids the manifest's picks file names, marked in the report.
  package init(jobs: [String], store: QueueStore, records: [String: JobResult] = [:], picked: Set<String> = []) {
    self.init(jobs: jobs, store: store, boxes: records.mapValues(RecordBox.init), picked: picked)
  }

  /// The report for `jobs`, with the records already read given boxed (as
  /// `RequestJobs.findWithBoxedRecords` gives them).
  package init(jobs: [String], store: QueueStore, boxes: [String: RecordBox], picked: Set<String> = []) {
    self.picked = picked
    var claimedBy: [String: String] = [:]
    for entry in store.processingEntries() { claimedBy[entry.jobID] = entry.workerID }
    let pending = Set(store.layout.jobIDs(in: store.layout.pending))
    // The records not handed in, read on every core: results/ first, then failed/ for those
    // without one (as `QueueStore.result(of:)` reads them).
    var records = boxes
    let unread = jobs.filter { records[$0] == nil && claimedBy[$0] == nil && !pending.contains($0) }
    let layout = store.layout
    for (id, value) in zip(unread, store.readRecords(unread.map { layout.file(layout.results, $0) })) {
      if let result = value.flatMap(JobResult.init(reading:)) { records[id] = RecordBox(result) }
    }
    let stillUnread = unread.filter { records[$0] == nil }
    for (id, value) in zip(stillUnread, store.readRecords(stillUnread.map { layout.file(layout.failed, $0) })) {
      if let result = value.flatMap(JobResult.init(reading:)) { records[id] = RecordBox(result) }
    }
    // Whether each succeeded job's output is there, looked at on every core (in job order).
    let outputs = jobs.compactMap { id -> String? in
      guard claimedBy[id] == nil, !pending.contains(id), let box = records[id], box.record.status == .succeeded else { return nil }
      return box.record.out
    }
    let present = OutputCheck.present(outputs)
    var checked = 0
    var alive: [String: Bool] = [:]
    var entries: [Entry] = []
    entries.reserveCapacity(jobs.count)
    for jobID in jobs {
      if let worker = claimedBy[jobID] {
        let live = alive[worker] ?? WorkerLock.isAlive(store.layout, id: worker)
        alive[worker] = live
        if live {
          entries.append(Entry(jobID: jobID, state: "processing", output: nil, reason: nil, cost: 0, record: nil))
        } else {
          entries.append(
            Entry(jobID: jobID, state: "orphaned", output: nil, reason: "claimed by worker \(worker), which is no longer running", cost: 0, record: nil))
        }
      } else if pending.contains(jobID) {
        entries.append(Entry(jobID: jobID, state: "pending", output: nil, reason: nil, cost: 0, record: nil))
      } else if let box = records[jobID] {
        let result = box.record
        if result.status == .succeeded {
          let exists = present[checked]
          checked += 1
          entries.append(
            Entry(
              jobID: jobID, state: exists ? "succeeded" : "failed", output: exists ? result.out : nil,
              reason: exists ? nil : "output '\(result.out)' is missing",
              cost: result.cost ?? 0, record: box))
        } else {
          entries.append(Entry(jobID: jobID, state: "failed", output: nil, reason: result.error?.message ?? "failed", cost: result.cost ?? 0, record: box))
        }
      } else {
        entries.append(Entry(jobID: jobID, state: "missing", output: nil, reason: "not in the queue", cost: 0, record: nil))
      }
    }
    self.entries = entries
    liveWorkers = WorkerLock.liveWorkerCount(store.layout)
    resumeCommand = "reprise drain --queue-dir \(ShellQuoting.quote(store.layout.root)) --background"
    // Counted and summed once, in the entries' order (the sums are the same doubles as before).
    var succeeded = 0
    var failed = 0
    var pendingCount = 0
    var processing = 0
    var orphaned = 0
    var missing = 0
    var cost = 0.0
    var parts = CostParts([])
    for entry in entries {
      switch entry.state {
      case "succeeded": succeeded += 1
      case "failed": failed += 1
      case "pending": pendingCount += 1
      case "processing": processing += 1
      case "orphaned": orphaned += 1
      default: missing += 1
      }
      cost += entry.cost
      if let record = entry.box?.record { parts.add(record) }
    }
    counts = ["succeeded": succeeded, "failed": failed, "pending": pendingCount, "processing": processing, "orphaned": orphaned, "missing": missing]
    self.cost = cost
    costParts = parts
  }

  /// True when jobs wait but nothing will do them: a claim's worker is gone, or jobs are pending
  /// and no worker is alive.
  package var stalled: Bool {
    let c = counts
    return (c["orphaned"] ?? 0) > 0 || ((c["pending"] ?? 0) > 0 && liveWorkers == 0)
  }

  /// 0 all succeeded, 1 any failed or missing, 3 still pending or processing with a live worker,
  /// 5 stalled (see `stalled`: run `resumeCommand`).
  package var exitCode: ExitCode {
    let c = counts
    if stalled { return .stalled }
    if (c["pending"] ?? 0) + (c["processing"] ?? 0) > 0 { return .stillRunning }
    if (c["failed"] ?? 0) + (c["missing"] ?? 0) > 0 { return .failure }
    return .ok
  }

  /// One line per job, then a counts line.
  package var lines: [String] {
    var lines: [String] = []
    for entry in entries {
      let mark = picked.contains(entry.jobID) ? "  picked" : ""
      switch entry.state {
      case "succeeded":
        let retries = entry.box?.record.lockEnforcement.map { "; " + $0.line } ?? ""
        lines.append("ok          \(entry.jobID) -> \(entry.output ?? "?")\(mark)\(MeasureSummary.suffix(entry.box?.record.measures))\(retries)")
      case "failed", "missing": lines.append("failed      \(entry.jobID): \(entry.reason ?? "")\(mark)")
      case "orphaned": lines.append("orphaned    \(entry.jobID): \(entry.reason ?? "")\(mark)")
      default: lines.append("\(entry.state.padding(toLength: 11, withPad: " ", startingAt: 0)) \(entry.jobID)\(mark)")
      }
    }
    let c = counts
    lines.append(
      "\(entries.count) jobs: \(c["succeeded"]!) succeeded, \(c["failed"]! + c["missing"]!) failed, \(c["pending"]!) pending, \(c["processing"]!) processing, "
        + "\(c["orphaned"]!) orphaned; cost \(costParts.byokJobs > 0 ? costParts.phrase : "$" + String(format: "%.4f", cost))"
    )
    if stalled {
      let why = c["orphaned"]! > 0 ? "\(c["orphaned"]!) job(s) were claimed by a worker that died" : "no worker is running"
      lines.append("stalled: \(why); resume with: \(resumeCommand)")
    }
    return lines
  }

  /// The `--json` form.
  package func json(extra: [String: JSONValue]) -> JSONValue { .object(json(extra: extra, jobs: true)) }

  /// The `--json` form's members, `jobs` only when asked (`prettyJSON` writes them itself).
  func json(extra: [String: JSONValue], jobs withJobs: Bool) -> [String: JSONValue] {
    var members = extra
    let statusValue: String
    switch exitCode {
    case .ok: statusValue = "succeeded"
    case .stillRunning: statusValue = "running"
    case .stalled: statusValue = "stalled"
    default: statusValue = "failed"
    }
    members["status"] = .string(statusValue)
    members["live_workers"] = .int(Int64(liveWorkers))
    members["resume_command"] = stalled ? .string(resumeCommand) : .null
    members["counts"] = .object(counts.mapValues { .int(Int64($0)) })
    members["cost"] = .double(cost)
    if let parts = costParts.json { members["cost_parts"] = parts }
    members["outputs"] = .strings(entries.compactMap(\.output))
    members["failures"] = .array(
      entries.filter { $0.state == "failed" || $0.state == "missing" }.map { .object(["job_id": .string($0.jobID), "reason": .string($0.reason ?? "")]) })
    guard withJobs else { return members }
    members["jobs"] = .array(
      entries.map {
        .object([
          "job_id": .string($0.jobID), "state": .string($0.state), "output": .optional($0.output), "reason": .optional($0.reason),
          "picked": .bool(picked.contains($0.jobID)), "measures": $0.state == "succeeded" ? $0.box?.record.measures?.json ?? .null : .null,
          "verdicts": .strings($0.state == "succeeded" ? MeasureSummary.verdicts($0.box?.record.measures) : []),
          "lock_enforcement": $0.state == "succeeded" ? $0.box?.record.lockEnforcement?.json ?? .null : .null,
        ])
      })
    return members
  }
}
