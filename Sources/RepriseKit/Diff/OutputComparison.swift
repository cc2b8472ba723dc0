/// How two iterations' outputs compare, job by job (matched by index): identical bytes, different
/// bytes, failed, or not run. Bytes are compared as the provider sent them (`provider_sha256`).
public struct OutputComparison: Sendable {
  /// One index.
  public struct Row: Sendable {
    /// The job index.
    public let index: Int
    /// The pair's path: `jobs[index=3]`, or for two sweeps `jobs[cell=...,variant=2]`.
    public var path: String = ""
    /// `identical`, `different`, `failed`, `not_run` or `only_one_side`.
    public let verdict: String
    /// Old side's provider sha256, when it succeeded.
    public let oldSHA256: String?
    /// New side's provider sha256, when it succeeded.
    public let newSHA256: String?
    /// A reason, for failed rows.
    public let detail: String?
    /// By measures, when both sides succeeded (`identical bytes`, `near-identical (...)`, `different (...)`).
    public var similarity: OutputSimilarity?
    /// The new side's lock verdicts (`palette: kept`, ...), when it was measured.
    public var newVerdicts: [String] = []

    /// The `--json` form.
    public var json: JSONValue {
      .object([
        "index": .int(Int64(index)), "verdict": .string(verdict), "old_sha256": .optional(oldSHA256), "new_sha256": .optional(newSHA256),
        "detail": .optional(detail), "similarity": similarity?.json ?? .null, "new_verdicts": .strings(newVerdicts),
      ])
    }
  }

  /// Rows by index.
  public let rows: [Row]
  /// Total cost of the old side's results.
  public let oldCost: Double
  /// Total cost of the new side's results.
  public let newCost: Double

  /// The old side's cost parts (BYOK).
  package var oldParts = CostParts([])
  /// The new side's cost parts (BYOK).
  package var newParts = CostParts([])

  /// True when any row is not `identical`.
  public var hasDifferences: Bool { rows.contains { $0.verdict != "identical" } }

  /// Compares the results of `a` (in `storeA`) with those of `b` (in `storeB`).
  package init(_ a: Manifest, _ storeA: QueueStore, _ b: Manifest, _ storeB: QueueStore) {
    func side(_ job: ManifestJob?, _ store: QueueStore) -> (sha: String?, failed: String?, cost: Double, measures: ImageMeasures?) {
      guard let job else { return (nil, nil, 0, nil) }
      if let result = store.succeededResult(of: job.jobID) { return (result.output?.providerSHA256, nil, result.cost ?? 0, result.measures) }
      if let failure = store.failureRecord(of: job.jobID) { return (nil, failure.error?.message ?? "failed", failure.cost ?? 0, nil) }
      return (nil, nil, 0, nil)
    }
    var rows: [Row] = []
    var oldCost = 0.0, newCost = 0.0
    for pair in SweepJobPairs(a, b).pairs {
      let (index, oldJob, newJob) = (pair.index, pair.old, pair.new)
      let x = side(oldJob, storeA)
      let y = side(newJob, storeB)
      oldCost += x.cost
      newCost += y.cost
      let verdict: String
      var detail: String?
      if oldJob == nil || newJob == nil {
        verdict = "only_one_side"
      } else if x.failed != nil || y.failed != nil {
        verdict = "failed"
        detail = [x.failed.map { "old: \($0)" }, y.failed.map { "new: \($0)" }].compactMap { $0 }.joined(separator: "; ")
      } else if x.sha == nil || y.sha == nil {
        verdict = "not_run"
        detail = x.sha == nil ? (y.sha == nil ? "neither side has a result" : "old side has no result") : "new side has no result"
      } else {
        verdict = x.sha == y.sha ? "identical" : "different"
      }
      var row = Row(index: index, verdict: verdict, oldSHA256: x.sha, newSHA256: y.sha, detail: detail)
      row.path = pair.path
      if verdict == "identical" || verdict == "different" {
        row.similarity = OutputSimilarity.compare(sha256: x.sha, y.sha, measures: x.measures, y.measures)
        row.newVerdicts = MeasureSummary.verdicts(y.measures)
      }
      rows.append(row)
    }
    self.rows = rows
    self.oldCost = oldCost
    self.newCost = newCost
    func records(_ manifest: Manifest, _ store: QueueStore) -> [JobResult] {
      manifest.jobs.compactMap { store.succeededResult(of: $0.jobID) ?? store.failureRecord(of: $0.jobID) }
    }
    oldParts = CostParts(records(a, storeA))
    newParts = CostParts(records(b, storeB))
  }

  /// Readable lines.
  public var lines: [String] {
    var lines = rows.map { row -> String in
      switch row.verdict {
      case "identical": return "= \(row.path).output identical bytes (sha256 \(row.oldSHA256?.prefix(12) ?? ""))"
      case "different":
        let measured = row.similarity.map { "; \($0.line)" } ?? ""
        let verdicts = row.newVerdicts.isEmpty ? "" : "; new: " + row.newVerdicts.joined(separator: "; ")
        let digests = "\(row.oldSHA256?.prefix(12) ?? "") -> \(row.newSHA256?.prefix(12) ?? "")"
        return "~ \(row.path).output different bytes: \(digests)\(measured)\(verdicts)"
      case "failed": return "! \(row.path).output failed (\(row.detail ?? ""))"
      case "not_run": return "? \(row.path).output not compared: \(row.detail ?? "")"
      default: return "? \(row.path).output only in one manifest"
      }
    }
    lines.append("cost: $\(JSONWriter.formatDouble((oldCost * 1e6).rounded() / 1e6)) -> $\(JSONWriter.formatDouble((newCost * 1e6).rounded() / 1e6))")
    for (side, parts) in [("old", oldParts), ("new", newParts)] where parts.byokJobs > 0 { lines.append("cost parts (\(side)): " + parts.phrase) }
    return lines
  }

  /// The `--json` form.
  public var json: JSONValue {
    .object(["rows": .array(rows.map(\.json)), "old_cost": .double(oldCost), "new_cost": .double(newCost)])
  }
}
