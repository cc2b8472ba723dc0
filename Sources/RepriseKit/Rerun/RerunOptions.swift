/// What to rerun and where.
package struct RerunOptions: Sendable {
  /// The manifest path as given (relative to the current folder; for messages and reports).
  package var manifest: String
  /// Only these indices (nil: every job).
  package var only: Set<Int>?
  /// `--only` as given, for the message when it matches nothing.
  package var onlyText: String?
  /// Where the rerun folder goes (nil: the manifest's folder).
  package var outDir: String?
  /// Rerun with a changed local baseline (its requests then differ and are sent anyway).
  package var allowBaselineChange: Bool

  /// Options as given.
  package init(manifest: String, only: Set<Int>? = nil, onlyText: String? = nil, outDir: String? = nil, allowBaselineChange: Bool = false) {
    self.manifest = manifest
    self.only = only
    self.onlyText = onlyText
    self.outDir = outDir
    self.allowBaselineChange = allowBaselineChange
  }
}
