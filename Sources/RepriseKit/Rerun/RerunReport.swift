/// What a foreground rerun did: a verdict per job, compared with the earlier results.
package struct RerunReport: Sendable {
  /// The manifest path as given.
  package let manifest: String
  /// Its recorded manifest_id.
  package let manifestID: String
  /// The rerun folder.
  package let rerunDir: String
  /// One row per job (refused ones included), by index.
  package let rows: [RerunRow]
  /// Requests really sent (a job already finished in the queue sends none).
  package let sent: Int
  /// What the drain did.
  package let summary: DrainSummary

  /// Rows whose output differs.
  package var differs: Int { rows.filter { $0.verdict == .differs }.count }
  /// Rows answered from OpenRouter's response cache (not regenerated).
  package var cached: Int { rows.filter { $0.verdict == .cached }.count }
  /// Rows failed, pending or refused.
  package var failed: Int { rows.filter(\.verdict.isFailure).count }
  /// What the drain spent, in USD.
  package var cost: Double { summary.cost }
}
