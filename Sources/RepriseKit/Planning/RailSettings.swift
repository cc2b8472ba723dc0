/// The effective strength and locks after the baseline rails: with a baseline, strength defaults
/// to low and both locks to on unless the user set them (including `--no-lock-*`).
package struct RailSettings: Sendable, Equatable {
  /// Effective variation strength.
  package let strength: String
  /// Effective palette lock.
  package let lockPalette: Bool
  /// Effective composition lock.
  package let lockComposition: Bool
  /// The defaults the rails applied, e.g. `variation_strength=low`.
  package let applied: [String]
  /// True when the user chose a strength or the rails did (so it belongs in the prompt).
  package let strengthIsExplicit: Bool

  /// Resolves the rails for the given choices.
  package init(strength: String?, lockPalette: Bool?, lockComposition: Bool?, hasBaseline: Bool) {
    var applied: [String] = []
    if hasBaseline {
      self.strength = strength ?? "low"
      if strength == nil { applied.append("variation_strength=low") }
      self.lockPalette = lockPalette ?? true
      if lockPalette == nil { applied.append("lock_palette=true") }
      self.lockComposition = lockComposition ?? true
      if lockComposition == nil { applied.append("lock_composition=true") }
    } else {
      self.strength = strength ?? "medium"
      self.lockPalette = lockPalette ?? false
      self.lockComposition = lockComposition ?? false
    }
    self.applied = applied
    self.strengthIsExplicit = strength != nil || hasBaseline
  }
}
