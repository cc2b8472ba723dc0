import Foundation

/// Finds wording that asks to edit an existing image. It reads the user's prompt only — never
/// text reprise adds — so planned variants cannot trip it (the old skill's "Variant N." bug).
public enum EditIntentDetector {
  /// Phrases matched as whole words, case-insensitively.
  public static let phrases = [
    "edit", "edited", "editing", "modify", "modified", "revise", "revised", "iterate", "iteration",
    "variant", "variants", "variation", "variations", "variation of", "based on", "from this", "use this",
    "same but", "keep same", "keep the same", "preserve", "attached", "attachment", "reference image",
    "baseline image", "this image", "this logo", "the original",
  ]

  /// The phrases found in `prompt`, in list order; empty when there is no edit intent.
  public static func matches(in prompt: String) -> [String] {
    let words = prompt.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" })
    let text = " " + words.joined(separator: " ") + " "
    return phrases.filter { text.contains(" \($0) ") }
  }
}
