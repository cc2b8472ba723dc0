/// What `reprise iterate` was told to change; every nil member is inherited from the parent's
/// spec (see `IterationPlanner.options`).
package struct IterationOverrides: Sendable {
  /// `--prompt` / `--prompt-file`: replaces the parent's prompt.
  package var prompt: String?
  /// `--prompt-append`: added to the parent's prompt on a new line.
  package var promptAppend: String?
  /// `--count`; default the parent manifest's job count.
  package var count: Int?
  /// `--out-dir`; default `IterationFolder`'s rule.
  package var outDir: String?
  /// `--prefix`; default `IterationFolder`'s rule.
  package var prefix: String?
  /// `--ext`.
  package var ext: String?
  /// `--model`.
  package var model: String?
  /// `--transport`.
  package var transport: TransportChoice?
  /// `--image-size`.
  package var imageSize: String?
  /// `--aspect-ratio`.
  package var aspectRatio: String?
  /// `--variation-strength`.
  package var variationStrength: String?
  /// `--must-keep` (replaces the parent's list when given at least once).
  package var mustKeep: [String]?
  /// `--[no-]lock-palette`.
  package var lockPalette: Bool?
  /// `--[no-]lock-composition`.
  package var lockComposition: Bool?
  /// `--palette` normalised; `.some(nil)` for `--palette none` (drop the parent's).
  package var palette: [String]??

  /// Nothing overridden.
  package init() {}
}
