/// A rough price for a planned batch from cached model pricing (`reprise models`). Actual costs
/// come from each response's `usage.cost` and are recorded per job.
package struct CostEstimate: Sendable {
  /// Estimated USD per image.
  package let perImage: Double
  /// Images planned.
  package let images: Int
  /// How the per-image price was derived.
  package let basis: String

  /// Typical image tokens per 1K image (Gemini 2.5 Flash Image: 1290), scaled for larger sizes.
  static func imageTokens(for size: String?) -> Double {
    switch size {
    case "medium", "2K": return 1680
    case "high", "4K": return 2520
    case "0.5K", "512": return 747
    default: return 1290
    }
  }

  /// The estimate, or nil when the listing has no usable image pricing.
  package init?(listing: ModelListing, images: Int, imageSize: String?) {
    if let text = listing.pricing["image_output"], let price = Double(text), price > 0 {
      perImage = price
      basis = "$\(text) per output image"
    } else if let text = listing.pricing["image_token"], let price = Double(text), price > 0 {
      let tokens = CostEstimate.imageTokens(for: imageSize)
      perImage = price * tokens
      basis = "about \(Int(tokens)) image tokens at $\(text) each"
    } else {
      return nil
    }
    self.images = images
  }

  /// Total USD.
  package var total: Double { perImage * Double(images) }

  /// The `--json` form.
  package var json: JSONValue {
    .object([
      "images": .int(Int64(images)), "per_image_usd": .double((perImage * 1e6).rounded() / 1e6), "total_usd": .double((total * 1e6).rounded() / 1e6),
      "basis": .string(basis),
    ])
  }
}
