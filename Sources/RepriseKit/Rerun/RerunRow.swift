/// One job of a rerun report.
package struct RerunRow: Sendable, Equatable {
  /// The job's index in the manifest.
  package let index: Int
  /// The manifest's job id.
  package let jobID: String
  /// The rerun's job id (`<id>-rerun-<n>`); nil for a refused job.
  package let rerunJobID: String?
  /// The verdict.
  package let verdict: RerunVerdict
  /// The earlier result's output sha256 (as the provider sent it), when there is one; nil for a
  /// refused job too.
  package let earlierSHA256: String?
  /// The new output's sha256, when the rerun succeeded.
  package let sha256: String?
  /// The new output's path, when the rerun succeeded.
  package let out: String?
  /// Why it failed or was refused.
  package let reason: String?
  /// The two outputs compared by bytes and measures (`identical` and `differs` rows).
  package var similarity: OutputSimilarity? = nil
}
