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
