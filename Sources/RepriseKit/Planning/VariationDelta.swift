/// One variation directive from the catalog: what makes a job differ from its siblings.
public struct VariationDelta: Sendable, Equatable {
  /// What part of the design a delta touches; locks exclude some aspects.
  public enum Aspect: String, Sendable {
    /// Hue, colour temperature, saturation, tint, contrast, the colour of light: excluded by
    /// `--lock-palette`.
    case palette
    /// Framing, layout, crop, placement, viewpoint, scale: excluded by `--lock-composition`.
    case composition
    /// Line weight, colour-neutral lighting, texture, detail, type: allowed under any lock.
    case treatment
  }

  /// A stable id, e.g. `low.line-lighter`.
  public let id: String
  /// What the delta touches.
  public let aspect: Aspect
  /// The directive added to the prompt.
  public let text: String
}
