import RepriseCodecs

/// The one pass over an image's pixels every measure starts from: a fixed 64x64 grid of box-filter
/// cells (each cell the rectangle of source pixels that maps onto it; an image under 64 px a side
/// repeats its pixels, nearest neighbour). Per cell it keeps, in integers (so every run sums the
/// same): the summed colour and count of the pixels that are not fully transparent (the palette
/// ignores alpha 0), and the summed BT.601 luma of every pixel composited over white (structure and
/// hash).
struct MeasureGrid: Sendable {
  /// Cells a side.
  static let side = 64

  /// Summed red, green, blue of the visible pixels of each cell, row-major.
  var red: [Int]
  /// Summed green.
  var green: [Int]
  /// Summed blue.
  var blue: [Int]
  /// Visible (alpha > 0) pixels in each cell.
  var visible: [Int]
  /// Mean luma of each cell, 0...255, composited over white.
  var luma: [Double]

  /// The grid of decoded pixels (`MeasureGridBuilder` over its rows).
  init(_ image: DecodedImage) {
    var builder = MeasureGridBuilder(width: image.width, height: image.height)
    image.feedRows(begin: { _, _ in }, row: { builder.add(row: $0, $1) })
    self = builder.finish()
  }

  /// A grid as given (the builder's).
  init(red: [Int], green: [Int], blue: [Int], visible: [Int], luma: [Double]) {
    self.red = red
    self.green = green
    self.blue = blue
    self.visible = visible
    self.luma = luma
  }

  /// The luma grid averaged down to `size` cells a side (`side` must divide by it).
  func luma(side size: Int) -> [Double] {
    let side = MeasureGrid.side
    let f = side / size
    var out = Array(repeating: 0.0, count: size * size)
    for y in 0..<size {
      for x in 0..<size {
        var s = 0.0
        for dy in 0..<f { for dx in 0..<f { s += luma[(y * f + dy) * side + x * f + dx] } }
        out[y * size + x] = s / Double(f * f)
      }
    }
    return out
  }
}
