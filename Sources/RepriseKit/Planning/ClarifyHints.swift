import Foundation

/// Prompt-quality hints: what a designer would ask before spending money on a batch.
package enum ClarifyHints {
  /// The hints that fire for `prompt`, in a fixed order.
  package static func hints(for prompt: String) -> [String] {
    let lower = prompt.lowercased()
    let words = Set(lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    var hints: [String] = []

    let formatWords: Set<String> = [
      "thumbnail", "banner", "poster", "icon", "avatar", "wallpaper", "og", "social", "logo", "favicon", "header", "card", "sticker", "cover", "print", "story",
    ]
    let hasDimensions = lower.range(of: #"\b\d{3,4}\s*[x×]\s*\d{3,4}\b"#, options: .regularExpression) != nil
    if !hasDimensions && words.isDisjoint(with: formatWords) {
      hints.append("output format/size is unclear: say what it is for (banner, poster, icon, 1200x630, ...) or pass --aspect-ratio")
    }
    let styleWords: Set<String> = [
      "cinematic", "pixel", "8", "vector", "realistic", "photorealistic", "photo", "anime", "watercolor", "watercolour", "cyberpunk", "minimal", "minimalist",
      "gritty", "retro", "flat", "isometric", "3d", "illustration", "line", "sketch", "painterly",
    ]
    if words.isDisjoint(with: styleWords) {
      hints.append("style is unclear: name one (flat vector, watercolour, photorealistic, retro, minimalist, ...)")
    }
    let textWords: Set<String> = ["text", "title", "headline", "logo", "wordmark", "tagline", "caption", "lettering", "slogan"]
    if !words.isDisjoint(with: textWords) && !hasQuotedCopy(prompt) {
      hints.append("text is requested but the exact copy is missing: put the words in quotes, e.g. \"Snow Crab Co.\"")
    }
    let compositionPhrases = [
      "high contrast", "readable", "legible", "safe area", "centered", "centred", "negative space", "left third", "right third", "symmetric", "close-up",
      "wide shot", "top-down", "background",
    ]
    if !compositionPhrases.contains(where: { lower.contains($0) }) {
      hints.append("composition is vague: say where the subject sits and what must stay readable (centred, negative space, safe area, ...)")
    }
    return hints
  }

  /// True when the prompt quotes at least two characters of exact copy.
  static func hasQuotedCopy(_ prompt: String) -> Bool {
    prompt.range(of: #"["“”'‘’][^"“”'‘’]{2,}["“”'‘’]"#, options: .regularExpression) != nil
  }
}
