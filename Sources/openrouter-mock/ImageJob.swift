import Foundation
import RepriseCodecs

/// One validated image request, from either `/chat/completions` or `/images`.
struct ImageJob: Sendable {
  let model: MockModel
  let prompt: String
  let seed: Int?
  let aspectRatio: String?
  /// "0.5K", "1K", "2K", "4K" (chat `image_size`) or "512" (Image API `resolution`).
  let sizeTier: String?
  /// Reference / baseline image URLs (data URLs or http(s)).
  let referenceURLs: [String]
  let maxTokens: Int?

  /// Pixel size of the output image.
  var pixelSize: (width: Int, height: Int) {
    ImageDimensions.pixels(aspectRatio: aspectRatio == "auto" ? nil : aspectRatio, tier: sizeTier)
  }

  /// The size tier in the chat spelling, for token tables.
  var tokenTier: String? { sizeTier == "512" ? "0.5K" : sizeTier }

  /// What the image depends on: the prompt and (a cheap summary of) the reference images.
  var fingerprint: [UInt8] {
    var material = prompt
    for url in referenceURLs {
      material += "\u{1F}\(url.utf8.count):\(url.prefix(96)):\(url.suffix(96))"
    }
    return SHA256.hash(Array(material.utf8)).bytes
  }

  /// The key `--fail-first` counts attempts under: prompt text and seed.
  var attemptKey: String { prompt + "\u{0}" + (seed.map { String($0) } ?? "-") }

  /// `[mock:MODE]` in the prompt wins over the server-wide mode.
  func mode(default serverMode: MockMode) -> MockMode { MockMode.directive(in: prompt) ?? serverMode }

  /// A deterministic stand-in for the tokenizer.
  var promptTokens: Int { max(1, (prompt.utf8.count + 3) / 4) + referenceURLs.count * 258 }

  /// Whether a base64 data URL among the references fails to decode.
  var hasUndecodableReference: Bool {
    referenceURLs.contains { url in
      guard url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") else { return false }
      let header = url[..<comma]
      guard header.hasSuffix(";base64") else { return false }
      let payload = String(url[url.index(after: comma)...])
      return payload.isEmpty || Data(base64Encoded: payload) == nil
    }
  }
}
