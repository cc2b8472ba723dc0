import Foundation

/// Pixel sizes for an aspect ratio and a size tier, following Gemini's table at 1K.
enum ImageDimensions {
  /// Width and height at 1K (Gemini's published sizes, plus the extended 3.1 Flash ratios).
  static let at1K: [String: (width: Int, height: Int)] = [
    "1:1": (1024, 1024), "2:3": (832, 1248), "3:2": (1248, 832), "3:4": (864, 1184), "4:3": (1184, 864),
    "4:5": (896, 1152), "5:4": (1152, 896), "9:16": (768, 1344), "16:9": (1344, 768), "21:9": (1536, 672),
    "1:4": (512, 2048), "4:1": (2048, 512), "1:8": (384, 3072), "8:1": (3072, 384),
  ]

  /// The size for `aspectRatio` (default 1:1; unlisted ratios at about one megapixel in multiples of 16)
  /// scaled by `tier`: "0.5K"/"512" halve, "2K" doubles, "4K" quadruples each side.
  static func pixels(aspectRatio: String?, tier: String?) -> (width: Int, height: Int) {
    let base = baseSize(aspectRatio ?? "1:1")
    switch tier?.uppercased() {
    case "0.5K", "512": return (max(8, base.width / 2), max(8, base.height / 2))
    case "2K": return (base.width * 2, base.height * 2)
    case "4K": return (base.width * 4, base.height * 4)
    default: return base
    }
  }

  private static func baseSize(_ ratio: String) -> (width: Int, height: Int) {
    if let known = at1K[ratio] { return known }
    let parts = ratio.split(separator: ":").compactMap { Double($0) }
    guard parts.count == 2, parts[0] > 0, parts[1] > 0 else { return (1024, 1024) }
    let aspect = parts[0] / parts[1]
    let width = (1_048_576 * aspect).squareRoot()
    let height = width / aspect
    func roundTo16(_ value: Double) -> Int { max(16, Int((value / 16).rounded()) * 16) }
    return (roundTo16(width), roundTo16(height))
  }
}
