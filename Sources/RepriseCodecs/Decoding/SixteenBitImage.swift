/// A decoded image at 16 bits per sample, for callers that need a 16-bit PNG's exact samples:
/// R, G, B, A per pixel (alpha 65535 when the file has none), rows top to bottom. Samples of
/// lower bit depths are scaled exactly to 16 bits (`v * 65535 / (2^depth - 1)`, so 8-bit `v`
/// becomes `v * 257`).
public struct SixteenBitImage: Sendable, Equatable {
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// `width * height * 4` samples.
  public let rgba: [UInt16]
}
