import RepriseCodecs

/// What is computed from one image's pixels: its dominant palette, perceptual hash and the luma
/// grid SSIM compares. A baseline's features are computed once and compared with every output.
public struct ImageFeatures: Sendable, Equatable {
  /// Image width in pixels.
  public let width: Int
  /// Image height in pixels.
  public let height: Int
  /// Dominant palette, largest share first.
  public let palette: [PaletteColour]
  /// 64-bit DCT perceptual hash.
  public let hash: UInt64
  /// 64x64 luma grid (SSIM's input).
  let luma: [Double]

  /// The features of decoded pixels.
  public init(_ image: DecodedImage) {
    self.init(grid: MeasureGrid(image), width: image.width, height: image.height)
  }

  /// The features of an image file, decoded row by row (a non-interlaced PNG is never in memory
  /// whole); throws the decoder's error.
  init(decoding bytes: [UInt8]) throws(ImageDecodeError) {
    var builder: MeasureGridBuilder?
    var size = (0, 0)
    try MeasureDecoder.decodeRows(bytes, begin: { size = ($0, $1); builder = MeasureGridBuilder(width: $0, height: $1) }, row: { builder?.add(row: $0, $1) })
    guard let grid = builder?.finish() else { throw .malformed(format: "image", reason: "no rows") }
    self.init(grid: grid, width: size.0, height: size.1)
  }

  private init(grid: MeasureGrid, width: Int, height: Int) {
    self.width = width
    self.height = height
    palette = DominantPalette.palette(of: grid)
    hash = PerceptualHash.hash(grid.luma(side: PerceptualHash.side))
    luma = grid.luma
  }

  /// SSIM between two images' luma grids (rounded to 4 decimals).
  public func ssim(to other: ImageFeatures) -> Double { MeasureRounding.round(StructuralSimilarity.ssim(luma, other.luma), 4) }
}
