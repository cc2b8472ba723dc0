/// Bounds a decoder checks against the file's header before allocating anything, so a small file
/// declaring a huge image is refused with `ImageDecodeError.tooLarge` instead of exhausting memory.
///
/// `standard`: 16,384 pixels wide or high, 40 million pixels (160 MB of RGBA), 256 MiB of
/// decompressed or intermediate data (PNG scanlines, JPEG coefficients).
public struct DecodeLimits: Sendable, Equatable {
  /// Widest image accepted, in pixels.
  public var maxWidth: Int
  /// Highest image accepted, in pixels.
  public var maxHeight: Int
  /// Most pixels accepted (`width * height`).
  public var maxPixels: Int
  /// Most bytes of decompressed or intermediate data a decoder may hold (PNG's inflated scanlines,
  /// JPEG's coefficient blocks).
  public var maxDecompressedBytes: Int

  /// Limits as given; the defaults are `standard`'s.
  public init(maxWidth: Int = 16_384, maxHeight: Int = 16_384, maxPixels: Int = 40_000_000, maxDecompressedBytes: Int = 256 << 20) {
    self.maxWidth = maxWidth
    self.maxHeight = maxHeight
    self.maxPixels = maxPixels
    self.maxDecompressedBytes = maxDecompressedBytes
  }

  /// The limits `ImageDecoder.decode` uses unless told otherwise.
  public static let standard = DecodeLimits()

  /// Throws `tooLarge` when `width x height` is over a limit.
  func check(format: String, width: Int, height: Int) throws(ImageDecodeError) {
    if width > maxWidth || height > maxHeight {
      throw .tooLarge(format: format, reason: "\(width)x\(height) is over the \(maxWidth)x\(maxHeight) limit")
    }
    if width * height > maxPixels {
      throw .tooLarge(format: format, reason: "\(width)x\(height) is \(width * height) pixels, over the \(maxPixels) limit")
    }
  }

  /// Throws `tooLarge` when `bytes` of intermediate data (`what`) is over `maxDecompressedBytes`.
  func check(format: String, bytes: Int, what: String) throws(ImageDecodeError) {
    if bytes > maxDecompressedBytes {
      throw .tooLarge(format: format, reason: "\(what) would take \(bytes) bytes, over the \(maxDecompressedBytes)-byte limit")
    }
  }
}
