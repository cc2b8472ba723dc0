import RepriseCodecs

/// The decoder measures call: RepriseCodecs' `ImageDecoder` (RepriseKit has an `ImageDecoder` of
/// its own, for base64 payloads, which would shadow it).
enum MeasureDecoder {
  /// Decodes a PNG, JPEG or lossless WebP row by row (`RepriseCodecs.ImageDecoder.decodeRows`);
  /// refuses lossy WebP and anything else with the decoder's reason.
  static func decodeRows(_ bytes: [UInt8], begin: (Int, Int) -> Void, row: (Int, UnsafePointer<UInt8>) -> Void) throws(ImageDecodeError) {
    try RepriseCodecs.ImageDecoder.decodeRows(bytes, limits: .standard, begin: begin, row: row)
  }
}
