/// The one entry point for decoding an image file: sniffs PNG, JPEG and WebP by their first
/// bytes and hands the file to `PNGDecoder`, `JPEGDecoder` or, for lossless WebP (VP8L),
/// `WebPLosslessDecoder`. Lossy and animated WebP are refused (`.unsupported(format: "webp", ...)`),
/// as is anything else (`format: "unknown"`).
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
    case "webp": return try decodeWebP(bytes, limits: limits)
    default:
      throw .unsupported(format: "unknown", reason: "not a PNG, JPEG or WebP file")
    }
  }

  /// Decodes row by row: `begin(width, height)` once, then `row(y, pixels)` for each row top to
  /// bottom with its 8-bit RGBA pixels, valid only during the call. A non-interlaced PNG is never
  /// in memory whole (rows are unfiltered as they are inflated); other files are decoded whole
  /// first. The same pixels and errors as `decode`; after an error, rows handed over are void.
  public static func decodeRows(
    _ bytes: [UInt8], limits: DecodeLimits = .standard, begin: (Int, Int) -> Void, row: (Int, UnsafePointer<UInt8>) -> Void
  ) throws(ImageDecodeError) {
    if sniff(bytes) == "png" { return try PNGDecoder.decodeRows(bytes, limits: limits, begin: begin, row: row) }
    try decode(bytes, limits: limits).feedRows(begin: begin, row: row)
  }

  /// Walks the RIFF chunks of a WebP file to its image: VP8L is decoded, lossy VP8 and animation
  /// are refused with `.unsupported`.
  static func decodeWebP(_ bytes: [UInt8], limits: DecodeLimits) throws(ImageDecodeError) -> DecodedImage {
    var p = 12
    while p + 8 <= bytes.count {
      let code = bytes[p..<(p + 4)]
      // Named as text only when printable ASCII (a broken file's bytes must not break the message line).
      let printable = code.allSatisfy { (0x20...0x7E).contains($0) }
      let hex = "0x" + code.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
      let fourCC = printable ? String(decoding: code, as: UTF8.self) : hex
      let size = Int(bytes[p + 4]) | Int(bytes[p + 5]) << 8 | Int(bytes[p + 6]) << 16 | Int(bytes[p + 7]) << 24
      let start = p + 8
      guard size <= bytes.count - start else { throw .malformed(format: "webp", reason: "\(fourCC) chunk runs past the end of the file") }
      switch fourCC {
      case "VP8L": return try WebPLosslessDecoder.decode(bytes[start..<(start + size)], limits: limits)
      case "VP8 ": throw .unsupported(format: "webp", reason: "lossy VP8 is not decoded")
      case "ANIM", "ANMF": throw .unsupported(format: "webp", reason: "animated WebP is not decoded")
      default: break  // VP8X, ALPH (only with VP8), ICCP, EXIF, XMP
      }
      p = start + size + (size & 1)
    }
    throw .malformed(format: "webp", reason: "no VP8 or VP8L image chunk")
  }
}
