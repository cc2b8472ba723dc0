/// What a gallery shows for one job: the planned job and what became of it.
package struct GalleryJobCard: Sendable {
  /// The planned job.
  package let job: ManifestJob
  /// `succeeded`, `failed`, `pending`, `processing` or `missing` (not in the queue).
  package let state: String
  /// The output file (absolute), when it exists.
  package let output: String?
  /// Why the job failed, when it did.
  package let reason: String?
  /// Hex sha256 of the output file (from the record).
  package let sha256: String?
  /// Hex sha256 of the bytes as the provider sent them (`provider_sha256`, else `sha256`): what
  /// comparisons use, since reprise's embedded metadata differs between iterations.
  package let providerSHA256: String?
  /// `record["cost"]` in USD, when the record has one.
  package let cost: Double?
  /// Pixel width from the record.
  package let width: Int?
  /// Pixel height from the record.
  package let height: Int?
  /// The job's pick (`reprise pick`), when it was picked.
  package let pick: PickRecord?
  /// `record["latency_ms"]`, when the record has one (the sweep grid's median latency).
  package let latencyMS: Int?
  /// The output's measures (palette, pHash, lock verdicts), when it succeeded and was measured.
  package let measures: ImageMeasures?

  /// The card for `job` with its report entry (nil: not in the report, shown as `missing`) and
  /// its pick, if any.
  package init(job: ManifestJob, entry: JobStatusReport.Entry?, pick: PickRecord? = nil) {
    self.job = job
    self.pick = pick
    state = entry?.state ?? "missing"
    output = entry?.output
    reason = entry?.reason ?? (entry == nil ? "not in the queue" : nil)
    let record = entry?.record
    sha256 = state == "succeeded" ? record?.output?.sha256 : nil
    providerSHA256 = state == "succeeded" ? (record?.output?.providerSHA256 ?? sha256) : nil
    cost = record?.cost
    width = record?.output?.width
    height = record?.output?.height
    latencyMS = record?.latencyMS
    measures = state == "succeeded" ? record?.measures : nil
  }

  /// True when the job succeeded and its output exists.
  package var succeeded: Bool { state == "succeeded" }

  /// The short label shown on the card: `ok`, `failed`, `pending`, `running` or `not queued`.
  package var label: String {
    switch state {
    case "succeeded": return "ok"
    case "failed": return "failed"
    case "pending": return "pending"
    case "processing": return "running"
    case "orphaned": return "stalled"
    default: return "not queued"
    }
  }

  /// The CSS class of the state badge.
  package var badgeClass: String {
    switch state {
    case "succeeded": return "ok"
    case "failed": return "bad"
    case "pending", "processing", "orphaned": return "wait"
    default: return "none"
    }
  }
}
