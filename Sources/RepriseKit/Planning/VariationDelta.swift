/// One variation directive from the catalog: what makes a job differ from its siblings.
public struct VariationDelta: Sendable, Equatable {
  /// What part of the design a delta touches; locks exclude some aspects.
  public enum Aspect: String, Sendable {
    /// Colour, palette, contrast: excluded by `--lock-palette`.
    case palette
    /// Layout, framing, crop, viewpoint: excluded by `--lock-composition`.
    case composition
    /// Line weight, lighting, texture, detail, type: allowed under any lock.
    case treatment
  }

  /// A stable id, e.g. `low.line-lighter`.
  public let id: String
  /// What the delta touches.
  public let aspect: Aspect
  /// The directive added to the prompt.
  public let text: String
}
