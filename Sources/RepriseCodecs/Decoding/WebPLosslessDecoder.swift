/// Decodes lossless WebP (VP8L, RFC 9649 section 3+): prefix-coded ARGB with LZ77 back-references
/// and the colour cache, meta prefix codes, and the four transforms (predictor, cross-colour,
/// subtract-green, colour indexing). Lossy VP8, animation and other chunks are refused by
/// `ImageDecoder`; the decoded alpha is kept as stored (the header's alpha hint is not applied).
enum WebPLosslessDecoder {
  /// Decodes the data of a VP8L chunk.
  static func decode(_ data: ArraySlice<UInt8>, limits: DecodeLimits) throws(ImageDecodeError) -> DecodedImage {
    var reader = WebPBitReader(Array(data))
    guard reader.bits(8) == 0x2F else { throw .malformed(format: "webp", reason: "VP8L signature byte is not 0x2f") }
    let width = reader.bits(14) + 1
    let height = reader.bits(14) + 1
    _ = reader.bits(1)  // alpha hint
    if reader.bits(3) != 0 { throw .unsupported(format: "webp", reason: "VP8L version other than 0") }
    try limits.check(format: "webp", width: width, height: height)
    try limits.check(format: "webp", bytes: width * height * 8, what: "the \(width)x\(height) image's pixels")
    var decoder = WebPLosslessImage(reader: reader, limits: limits)
    let argb = try decoder.mainImage(width: width, height: height)
    var rgba = [UInt8](repeating: 0, count: width * height * 4)
    for i in 0..<(width * height) {
      let p = argb[i]
      rgba[4 * i] = UInt8(truncatingIfNeeded: p >> 16)
      rgba[4 * i + 1] = UInt8(truncatingIfNeeded: p >> 8)
      rgba[4 * i + 2] = UInt8(truncatingIfNeeded: p)
      rgba[4 * i + 3] = UInt8(truncatingIfNeeded: p >> 24)
    }
    return DecodedImage(width: width, height: height, rgba: rgba)
  }
}
