/// The one consolidated completion report: each job's state, outputs that exist, failures with
/// one-line reasons, and the total cost.
public struct JobStatusReport: Sendable {
  /// One job's state.
  public struct Entry: Sendable {
    /// Job id.
    public let jobID: String
    /// `succeeded`, `failed`, `pending`, `processing` or `missing`.
    public let state: String
    /// The output path, when it exists.
    public let output: String?
    /// The failure reason, when failed.
    public let reason: String?
    /// `usage.cost` of the finished request.
    public let cost: Double
    /// The record (result or failure), if any.
    public let record: JSONValue?
  }

  /// Entries in the order asked.
  public let entries: [Entry]

  /// The report for `jobs`.
  public init(jobs: [String], store: QueueStore) {
    let processing = Set(store.processingEntries().map(\.jobID))
    var entries: [Entry] = []
    for jobID in jobs {
      if processing.contains(jobID) {
        entries.append(Entry(jobID: jobID, state: "processing", output: nil, reason: nil, cost: 0, record: nil))
      } else if FileSystem.entryKind(store.layout.file(store.layout.pending, jobID)) == .file {
        entries.append(Entry(jobID: jobID, state: "pending", output: nil, reason: nil, cost: 0, record: nil))
      } else if let result = store.readResult(jobID), result["status"]?.stringValue == "succeeded" {
        let out = result["out"]?.stringValue
        let exists = out.map { FileSystem.entryKind($0) == .file } ?? false
        entries.append(Entry(jobID: jobID, state: exists ? "succeeded" : "failed", output: exists ? out : nil, reason: exists ? nil : "output '\(out ?? "?")' is missing", cost: result["cost"]?.doubleValue ?? 0, record: result))
      } else if let failure = store.readFailure(jobID) {
        entries.append(Entry(jobID: jobID, state: "failed", output: nil, reason: failure["error"]?["message"]?.stringValue ?? "failed", cost: failure["cost"]?.doubleValue ?? 0, record: failure))
      } else {
        entries.append(Entry(jobID: jobID, state: "missing", output: nil, reason: "not in the queue", cost: 0, record: nil))
      }
    }
    self.entries = entries
  }

  /// Jobs per state.
  public var counts: [String: Int] {
    var counts: [String: Int] = ["succeeded": 0, "failed": 0, "pending": 0, "processing": 0, "missing": 0]
    for entry in entries { counts[entry.state, default: 0] += 1 }
    return counts
  }

  /// Total cost in USD.
  public var cost: Double { entries.reduce(0) { $0 + $1.cost } }

  /// 0 all succeeded, 1 any failed or missing, 3 still pending or processing.
  public var exitCode: Int32 {
    let c = counts
    if (c["pending"] ?? 0) + (c["processing"] ?? 0) > 0 { return 3 }
    if (c["failed"] ?? 0) + (c["missing"] ?? 0) > 0 { return 1 }
    return 0
  }

  /// One line per job, then a counts line.
  public var lines: [String] {
    var lines: [String] = []
    for entry in entries {
      switch entry.state {
      case "succeeded": lines.append("ok          \(entry.jobID) -> \(entry.output ?? "?")")
      case "failed", "missing": lines.append("failed      \(entry.jobID): \(entry.reason ?? "")")
      default: lines.append("\(entry.state.padding(toLength: 11, withPad: " ", startingAt: 0)) \(entry.jobID)")
      }
    }
    let c = counts
    lines.append("\(entries.count) jobs: \(c["succeeded"]!) succeeded, \(c["failed"]! + c["missing"]!) failed, \(c["pending"]!) pending, \(c["processing"]!) processing; cost $\(String(format: "%.4f", cost))")
    return lines
  }

  /// The `--json` form.
  public func json(extra: [String: JSONValue]) -> JSONValue {
    var members = extra
    members["status"] = .string(exitCode == 0 ? "succeeded" : (exitCode == 3 ? "running" : "failed"))
    members["counts"] = .object(counts.mapValues { .int(Int64($0)) })
    members["cost"] = .double(cost)
    members["outputs"] = .strings(entries.compactMap(\.output))
    members["failures"] = .array(entries.filter { $0.state == "failed" || $0.state == "missing" }.map { .object(["job_id": .string($0.jobID), "reason": .string($0.reason ?? "")]) })
    members["jobs"] = .array(entries.map { .object(["job_id": .string($0.jobID), "state": .string($0.state), "output": .optional($0.output), "reason": .optional($0.reason)]) })
    return .object(members)
  }
}

import Foundation
