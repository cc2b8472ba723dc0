/// The one entry point for decoding an image file: sniffs PNG, JPEG and WebP by their first
/// bytes and hands the file to `PNGDecoder` or `JPEGDecoder`. WebP is recognised and refused
/// (`.unsupported(format: "webp", ...)`), as is anything else (`format: "unknown"`).
///
/// ```swift
/// do {
///   let image = try ImageDecoder.decode(bytes)
/// } catch {
///   print("not measured: \(error.format)")  // or error.message: "png: CRC mismatch in IDAT chunk 3"
/// }
/// ```
public enum ImageDecoder {
  /// The format the first bytes say, without decoding: "png", "jpeg", "webp", or nil.
  public static func sniff(_ bytes: [UInt8]) -> String? {
    if bytes.starts(with: PNGDecoder.signature) { return "png" }
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpeg" }
    if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "webp" }
    return nil
  }

  /// Sniffs PNG / JPEG / WebP by magic bytes and decodes.
  public static func decode(_ bytes: [UInt8], limits: DecodeLimits = .standard) throws(ImageDecodeError) -> DecodedImage {
    switch sniff(bytes) {
    case "png": return try PNGDecoder.decode(bytes, limits: limits)
    case "jpeg": return try JPEGDecoder.decode(bytes, limits: limits)
    case "webp":
      let kind = bytes.count >= 16 ? String(decoding: bytes[12..<16], as: UTF8.self) : ""
      switch kind {
      case "VP8 ": throw .unsupported(format: "webp", reason: "lossy VP8 is not decoded")
      case "VP8L": throw .unsupported(format: "webp", reason: "lossless VP8L is not decoded")
      case "VP8X": throw .unsupported(format: "webp", reason: "extended WebP (VP8X) is not decoded")
      default: throw .malformed(format: "webp", reason: "no VP8, VP8L or VP8X chunk after the RIFF header")
      }
    default:
      throw .unsupported(format: "unknown", reason: "not a PNG, JPEG or WebP file")
    }
  }
}
