/// The pixels of a decoded image, as every measure reads them: 8-bit sRGB samples, four per pixel
/// (red, green, blue, alpha; alpha 255 when the file has none), rows top to bottom, no padding.
/// Decoders of files with more than 8 bits per sample round to 8 bits here; the exact samples, when
/// a caller needs them, come from the decoder's own richer result.
public struct DecodedImage: Sendable, Equatable {
  /// Width in pixels (at least 1).
  public let width: Int
  /// Height in pixels (at least 1).
  public let height: Int
  /// `width * height * 4` bytes: R, G, B, A for each pixel, row by row.
  public let rgba: [UInt8]

  /// An image as given; `rgba` must hold exactly `width * height * 4` bytes.
  public init(width: Int, height: Int, rgba: [UInt8]) {
    precondition(width > 0 && height > 0 && rgba.count == width * height * 4, "DecodedImage: \(width)x\(height) needs \(width * height * 4) bytes")
    self.width = width
    self.height = height
    self.rgba = rgba
  }

  /// Hands the pixels over row by row, as `ImageDecoder.decodeRows` does: `begin(width, height)`,
  /// then `row(y, pixels)` for each row top to bottom.
  public func feedRows(begin: (Int, Int) -> Void, row: (Int, UnsafePointer<UInt8>) -> Void) {
    begin(width, height)
    rgba.withUnsafeBufferPointer { pixels in
      for y in 0..<height { row(y, pixels.baseAddress! + y * width * 4) }
    }
  }
}
