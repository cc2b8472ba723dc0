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
  /// The provider that served the rerun (its result's `provider`), when it succeeded.
  package var provider: String? = nil
  /// The provider that served the earlier result, when there is one.
  package var earlierProvider: String? = nil

  /// `; served by X, earlier by Y` when both are known and differ, else empty.
  package var providerChange: String {
    guard let provider, let earlierProvider, provider != earlierProvider else { return "" }
    return "; served by \(provider), earlier by \(earlierProvider)"
  }
  /// The earlier result's kept `--enforce-locks` attempt when it was a retry (another seed than
  /// the planned one the rerun sends); nil otherwise.
  package var earlierRetry: LockAttempt? = nil

  /// `; earlier output: --enforce-locks attempt 2 (seed 7); rerun sent the planned request` when
  /// the earlier output came from a retry, else empty.
  package var retryNote: String {
    guard let earlierRetry else { return "" }
    return "; earlier output: --enforce-locks attempt \(earlierRetry.attempt) (seed \(earlierRetry.seed)); rerun sent the planned request"
  }
  /// The two outputs compared by bytes and measures (`identical` and `differs` rows).
  package var similarity: OutputSimilarity? = nil
}
