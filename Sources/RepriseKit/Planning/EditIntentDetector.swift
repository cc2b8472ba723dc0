import Foundation

/// Finds wording that asks to edit an existing image. It reads the user's prompt only — never
/// text reprise adds — so planned variants cannot trip it (the old skill's "Variant N." bug).
package enum EditIntentDetector {
  /// Phrases matched as whole words, case-insensitively.
  package static let phrases = [
    "edit", "edited", "editing", "modify", "modified", "revise", "revised", "iterate", "iteration",
    "variant", "variants", "variation", "variations", "variation of", "based on", "from this", "use this",
    "same but", "keep same", "keep the same", "preserve", "attached", "attachment", "reference image",
    "baseline image", "this image", "this logo", "the original",
  ]

  /// The phrases found in `prompt`, in list order; empty when there is no edit intent.
  package static func matches(in prompt: String) -> [String] {
    let words = prompt.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" })
    let text = " " + words.joined(separator: " ") + " "
    return phrases.filter { text.contains(" \($0) ") }
  }

  /// The edit-intent phrases of `prompt`; throws (exit 4) when there are some, no baseline, and
  /// no `--allow-no-baseline-on-edit-intent`.
  package static func check(_ prompt: String, hasBaseline: Bool, allowWithoutBaseline: Bool) throws(RepriseError) -> [String] {
    let found = matches(in: prompt)
    if !found.isEmpty, !hasBaseline, !allowWithoutBaseline {
      let phrases = found.map { "\"\($0)\"" }.joined(separator: ", ")
      throw RepriseError(
        .editIntentWithoutBaseline,
        "the prompt asks to change an existing image (\(phrases)) but no --baseline-image was given: pass the image (current attachment > replied-to "
          + "attachment > ask the user), or --allow-no-baseline-on-edit-intent to generate from the prompt alone"
      )
    }
    return found
  }
}
