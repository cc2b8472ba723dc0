/// Builds each job's final prompt: the user's prompt, then constraint lines (baseline anchor,
/// must-keep items verbatim, locks, strength), then the job's variation delta.
public enum PromptComposer {
  /// What each strength asks for.
  static func strengthLine(_ strength: String) -> String {
    switch strength {
    case "low": return "Variation strength: low. Keep changes subtle; the result must read as the same design."
    case "high": return "Variation strength: high. Bold reinterpretation is welcome; keep the subject recognisable."
    default: return "Variation strength: medium. Make noticeable changes while keeping the design's identity."
    }
  }

  /// The constraint lines shared by every job of a spec. A brand palette (`--palette`) adds one
  /// line after the must-keep items; without one the lines are as before.
  public static func constraintLines(
    hasBaseline: Bool, mustKeep: [String], lockPalette: Bool, lockComposition: Bool, strength: String, palette: [String] = []
  ) -> [String] {
    var lines: [String] = []
    if hasBaseline { lines.append("Use the provided baseline image as the primary composition anchor.") }
    for item in mustKeep { lines.append("Must keep exactly: \(item)") }
    if !palette.isEmpty { lines.append(BrandPalette.constraintLine(palette)) }
    if lockPalette {
      lines.append(hasBaseline ? "Lock the colour palette: keep the baseline's colours." : "Lock the colour palette: do not change the colours.")
    }
    if lockComposition {
      lines.append(hasBaseline ? "Lock the composition: keep the baseline's layout and framing." : "Lock the composition: do not change the layout or framing.")
    }
    lines.append(strengthLine(strength))
    return lines
  }

  /// The prompt for a single image (no delta): the user's prompt then constraint lines.
  public static func composeSingle(userPrompt: String, constraints: [String]) -> String {
    userPrompt.trimmingTrailingWhitespace() + "\n\nConstraints:\n" + constraints.map { "- " + $0 }.joined(separator: "\n")
  }

  /// The final prompt for one job.
  public static func compose(userPrompt: String, constraints: [String], delta: VariationDelta) -> String {
    var text = userPrompt.trimmingTrailingWhitespace()
    text += "\n\nConstraints:\n"
    text += constraints.map { "- " + $0 }.joined(separator: "\n")
    text += "\n\nVariation for this image: " + delta.text
    return text
  }
}

extension String {
  func trimmingTrailingWhitespace() -> String {
    var s = Substring(self)
    while let last = s.last, last.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
