/// What `rerun --dry-run` found: every rebuilt request checked against the recorded hash.
package struct RerunCheckReport: Sendable {
  /// The manifest path as given.
  package let manifest: String
  /// Its recorded (and verified) manifest_id.
  package let manifestID: String
  /// One check per job, by index.
  package let checks: [RequestCheck]

  /// Checks whose rebuilt request differs.
  package var differing: [RequestCheck] { checks.filter { !$0.matches } }
}
