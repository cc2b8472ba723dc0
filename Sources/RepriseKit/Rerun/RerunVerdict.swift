/// How one job of a rerun came out.
package enum RerunVerdict: String, Sendable, Equatable {
  /// Same output bytes as the earlier result.
  case identical
  /// Different output bytes.
  case differs
  /// Succeeded; there was no earlier result to compare with.
  case new
  /// Answered from OpenRouter's response cache (`X-OpenRouter-Cache-Status: HIT`): nothing was
  /// regenerated, so it proves nothing about reproducibility (reprise never turns caching on; a
  /// key or preset can).
  case cached
  /// The rerun request failed (or did not finish).
  case failed
  /// Not finished because the drain was interrupted.
  case pending
  /// Not sent: its rebuilt request differs from the recorded one.
  case refused

  /// True for the verdicts counted as failed or refused.
  package var isFailure: Bool { self == .failed || self == .pending || self == .refused }
}
