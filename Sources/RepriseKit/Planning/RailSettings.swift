/// The effective strength and locks after the baseline rails: with a baseline, strength defaults
/// to low and both locks to on unless the user set them (including `--no-lock-*`).
public struct RailSettings: Sendable, Equatable {
  /// Effective variation strength.
  public let strength: String
  /// Effective palette lock.
  public let lockPalette: Bool
  /// Effective composition lock.
  public let lockComposition: Bool
  /// The defaults the rails applied, e.g. `variation_strength=low`.
  public let applied: [String]
  /// True when the user chose a strength or the rails did (so it belongs in the prompt).
  public let strengthIsExplicit: Bool

  /// Resolves the rails for the given choices.
  public init(strength: String?, lockPalette: Bool?, lockComposition: Bool?, hasBaseline: Bool) {
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
