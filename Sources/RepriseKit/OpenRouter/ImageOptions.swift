/// The image options reprise accepts and how they map onto OpenRouter's parameters.
public enum ImageOptions {
  /// Aspect ratios every image model on OpenRouter's chat path accepts.
  public static let standardAspectRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]
  /// Extra ratios only some models accept (see `ModelCapabilities.supportsExtendedAspectRatios`).
  public static let extendedAspectRatios = ["1:4", "4:1", "1:8", "8:1"]
  /// `--image-size` values.
  public static let imageSizes = ["low", "medium", "high"]
  /// `--variation-strength` values.
  public static let strengths = ["low", "medium", "high"]
  /// `--ext` values.
  public static let extensions = ["png", "jpg", "webp"]
  /// `--baseline-source-kind` values.
  public static let baselineSourceKinds = ["current_attachment", "reply_attachment", "explicit_path_or_url"]

  /// OpenRouter's `image_size` / `resolution` for a reprise size: low → 1K, medium → 2K, high → 4K.
  public static func resolution(for size: String) -> String? {
    switch size {
    case "low": return "1K"
    case "medium": return "2K"
    case "high": return "4K"
    default: return nil
    }
  }
}

extension ImageOptions {
  /// `--image-size` tiers accepted besides low/medium/high (`512` is `0.5K`).
  public static let sizeTiers = ["0.5K", "512", "1K", "2K", "4K"]

  /// The Image API's `aspect_ratio` set (images-api.yaml), used without discovery data.
  public static let imagesAPIAspectRatios = [
    "1:1", "1:2", "1:4", "1:8", "2:1", "2:3", "3:2", "3:4", "4:1", "4:3", "4:5", "5:4", "8:1", "9:16", "16:9", "9:19.5", "19.5:9", "9:20", "20:9", "9:21",
    "21:9", "auto",
  ]

  /// The size tier for an `--image-size` value: low 1K, medium 2K, high 4K, `512` 0.5K, a tier itself.
  public static func tier(for size: String) -> String? {
    if let mapped = resolution(for: size) { return mapped }
    if size == "512" { return "0.5K" }
    return sizeTiers.contains(size) ? size : nil
  }

  /// The Image API's `output_format` for an `--ext`: png, jpeg, webp.
  public static func outputFormat(forExtension ext: String) -> String { ext == "jpg" || ext == "jpeg" ? "jpeg" : ext }
}
