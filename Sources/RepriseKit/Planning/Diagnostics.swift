/// The seed skill's drift diagnostics, recorded on every result so agents can tell what happened.
package enum Diagnostics {
  /// The policy for choosing a baseline, recorded verbatim.
  package static let baselineResolutionPolicy = "current_attachment>reply_attachment>clarify"

  /// `edit_intent_detected`, `baseline_applied`, `baseline_source`, `baseline_source_kind`,
  /// `baseline_resolution_policy`, `rails_applied`, and the planned locks `lock_palette`,
  /// `lock_composition` (what the output's measures are checked against).
  package static func fields(editIntent: [String], baseline: BaselineRecord?, rails: RailSettings) -> [String: JSONValue] {
    [
      "edit_intent_detected": .bool(!editIntent.isEmpty),
      "baseline_applied": .bool(baseline != nil),
      "baseline_source": .optional(baseline?.source),
      "baseline_source_kind": .optional(baseline?.sourceKind),
      "baseline_resolution_policy": .string(baselineResolutionPolicy),
      "rails_applied": .strings(rails.applied),
      "lock_palette": .bool(rails.lockPalette), "lock_composition": .bool(rails.lockComposition),
    ]
  }
}
