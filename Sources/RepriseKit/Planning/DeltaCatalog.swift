/// The catalog of variation deltas, per strength. Written for real design work; each entry names
/// one concrete change a designer would ask for.
///
/// The catalog is versioned (`version` is recorded in every manifest): changing an entry's text
/// changes future plans, never the jobs of an existing manifest, which keep their prompts.
///
/// Each entry is classified against the locks: `.palette` for anything that changes hue, colour
/// temperature, saturation, tint, contrast or the colour of light; `.composition` for framing,
/// layout, crop, placement, viewpoint or scale; `.treatment` for the rest (line, texture,
/// lettering, detail, rendering, colour-neutral lighting).
package enum DeltaCatalog {
  /// Recorded in `spec.delta_catalog` of new manifests. Version 2 classifies colour-of-light
  /// entries (`low.warm-key-light`, `medium.soft-light`) as palette deltas; version 1 let the
  /// palette lock pick them.
  package static let version = "reprise.deltas/2"
  /// The version before `version`: the same entries, with `reclassifiedInVersion2` as treatment.
  package static let version1 = "reprise.deltas/1"
  /// Every version this reprise plans with. A manifest recorded with one is continued with it, so
  /// the delta sequence (and each index's job) stays the same across its batches.
  package static let supportedVersions = [version1, version]
  /// Entries version 1 classified as treatment.
  static let reclassifiedInVersion2: Set<String> = ["low.warm-key-light", "medium.soft-light"]

  /// Every delta of `strength` (`low`, `medium`, `high`), in catalog order.
  package static func deltas(strength: String) -> [VariationDelta] {
    switch strength {
    case "low": return low
    case "high": return high
    default: return medium
    }
  }

  /// What `delta` touches in catalog `version` (the current one unless given).
  package static func aspect(of delta: VariationDelta, version: String = version) -> VariationDelta.Aspect {
    version == version1 && reclassifiedInVersion2.contains(delta.id) ? .treatment : delta.aspect
  }

  /// The deltas allowed under the given locks, in catalog order.
  package static func allowed(strength: String, lockPalette: Bool, lockComposition: Bool, version: String = version) -> [VariationDelta] {
    deltas(strength: strength).filter { delta in
      switch aspect(of: delta, version: version) {
      case .palette: return !lockPalette
      case .composition: return !lockComposition
      case .treatment: return true
      }
    }
  }

  /// The delta for absolute job `index`: the allowed list walked in order, so consecutive
  /// indices never repeat a delta until the list is used up, and `--start-index` continues it.
  package static func delta(forIndex index: Int, strength: String, lockPalette: Bool, lockComposition: Bool, version: String = version) -> VariationDelta {
    let list = allowed(strength: strength, lockPalette: lockPalette, lockComposition: lockComposition, version: version)
    let n = list.count
    let position = ((index - 1) % n + n) % n
    return list[position]
  }

  private static func d(_ id: String, _ aspect: VariationDelta.Aspect, _ text: String) -> VariationDelta {
    VariationDelta(id: id, aspect: aspect, text: text)
  }

  static let low: [VariationDelta] = [
    d("low.line-lighter", .treatment, "Make line weights about 10% lighter for a more delicate feel."),
    d("low.line-heavier", .treatment, "Make line weights about 10% heavier so the mark holds up at small sizes."),
    d("low.corners-softer", .treatment, "Soften corner radii slightly on geometric shapes."),
    d("low.warm-key-light", .palette, "Shift the key light slightly warmer and softer."),
    d("low.palette-accent-saturation", .palette, "Nudge the accent colour one step more saturated."),
    d("low.margin-more", .composition, "Give the subject a little more breathing room: about 5% more margin."),
    d("low.paper-grain", .treatment, "Add a very fine paper grain, barely visible at full size."),
    d("low.simplify-secondary", .treatment, "Simplify one secondary detail that does not read at small sizes."),
    d("low.tracking-tighter", .treatment, "Tighten letter spacing of any lettering by about 2%."),
    d("low.rim-light", .treatment, "Add a faint rim light to separate the subject from the background."),
    d("low.palette-contrast-calmer", .palette, "Lower overall contrast a little for a calmer tone."),
    d("low.crop-tighter", .composition, "Crop in about 5% so the subject fills more of the frame."),
    d("low.corners-crisper", .treatment, "Sharpen corners slightly for a crisper, more technical feel."),
    d("low.clean-edges", .treatment, "Clean up edges: crisp anti-aliasing, no stray artefacts or halos."),
    d("low.tracking-looser", .treatment, "Open letter spacing of any lettering by about 3% for legibility."),
    d("low.smooth-gradients", .treatment, "Smooth tonal transitions and remove any gradient banding."),
  ]

  static let medium: [VariationDelta] = [
    d("medium.monoline", .treatment, "Redraw strokes as a uniform monoline."),
    d("medium.soft-light", .palette, "Light the scene with soft overcast light and gentle shadows."),
    d("medium.palette-analogous", .palette, "Move to an analogous palette around the dominant hue."),
    d("medium.focal-left-third", .composition, "Move the focal point onto the left third of the frame."),
    d("medium.riso-texture", .treatment, "Apply a subtle risograph grain with slight misregistration."),
    d("medium.less-detail", .treatment, "Reduce detail by about a third for a bolder, simpler read."),
    d("medium.geometric-sans", .treatment, "Set any lettering in a geometric sans-serif style."),
    d("medium.thick-thin", .treatment, "Use contrasting thick and thin strokes with a calligraphic feel."),
    d("medium.palette-complementary-accent", .palette, "Introduce one complementary accent colour, used sparingly."),
    d("medium.symmetric", .composition, "Use a centred, symmetric arrangement."),
    d("medium.hard-key-light", .treatment, "Use a single hard key light with clearly defined shadows."),
    d("medium.matte-fills", .treatment, "Render surfaces as smooth matte flat fills."),
    d("medium.focal-detail", .treatment, "Add fine secondary detail in the focal area only."),
    d("medium.humanist-serif", .treatment, "Set any lettering in a humanist serif style."),
    d("medium.palette-two-tone", .palette, "Reduce to a two-tone palette with a single accent."),
    d("medium.low-viewpoint", .composition, "Lower the viewpoint slightly for a more heroic angle."),
  ]

  static let high: [VariationDelta] = [
    d("high.flat-vector", .treatment, "Reinterpret as a flat vector illustration with bold shapes."),
    d("high.chiaroscuro", .treatment, "Use dramatic chiaroscuro lighting with deep shadows."),
    d("high.palette-monochrome", .palette, "Switch to a monochrome palette in a single hue."),
    d("high.extreme-close-up", .composition, "Crop to an extreme close-up of the most distinctive detail."),
    d("high.ink-hatching", .treatment, "Reinterpret as a detailed ink drawing with cross-hatching."),
    d("high.halftone", .treatment, "Apply a heavy screen-print texture with visible halftone dots."),
    d("high.minimal-mark", .treatment, "Abstract the subject into a minimal mark of a few shapes."),
    d("high.clay-render", .treatment, "Reinterpret as a soft 3D clay render."),
    d("high.palette-night-neon", .palette, "Use a night-time palette: deep blues with neon accents."),
    d("high.wide-negative-space", .composition, "Frame wide, with the subject small in generous negative space."),
    d("high.high-key", .treatment, "Use bright high-key lighting with minimal shadows."),
    d("high.condensed-display", .treatment, "Set any lettering in condensed bold display type."),
    d("high.palette-earthy", .palette, "Use a warm earthy palette of ochre, terracotta and olive."),
    d("high.top-down", .composition, "Switch to a top-down, flat-lay viewpoint."),
    d("high.hand-made", .treatment, "Give it a playful, hand-made feel with imperfect edges."),
    d("high.diagonal", .composition, "Arrange the subject along a strong diagonal."),
  ]
}
