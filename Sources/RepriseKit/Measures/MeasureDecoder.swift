import RepriseCodecs

/// The decoder measures call: RepriseCodecs' `ImageDecoder` (RepriseKit has an `ImageDecoder` of
/// its own, for base64 payloads, which would shadow it).
enum MeasureDecoder {
  /// Decodes a PNG, JPEG or lossless WebP; refuses lossy WebP and anything else with the decoder's reason.
  static func decode(_ bytes: [UInt8]) throws(ImageDecodeError) -> DecodedImage {
    try RepriseCodecs.ImageDecoder.decode(bytes, limits: .standard)
  }
}
