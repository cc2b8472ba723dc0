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

  /// The grid of an image.
  init(_ image: DecodedImage) {
    let side = MeasureGrid.side
    let cells = side * side
    red = Array(repeating: 0, count: cells)
    green = red
    blue = red
    visible = red
    luma = Array(repeating: 0, count: cells)
    var lumaSum = Array(repeating: 0, count: cells)
    var pixels = Array(repeating: 0, count: cells)
    let w = image.width
    let h = image.height
    func range(_ cell: Int, _ size: Int) -> Range<Int> {
      let start = cell * size / side
      return start..<max(start + 1, (cell + 1) * size / side)
    }
    let columns = (0..<side).map { range($0, w) }
    image.rgba.withUnsafeBufferPointer { px in
      guard let base = px.baseAddress else { return }
      for cy in 0..<side {
        for y in range(cy, h) {
          let row = y * w * 4
          for cx in 0..<side {
            let cell = cy * side + cx
            var r = 0
            var g = 0
            var b = 0
            var n = 0
            // Not fully opaque pixels: their colour sums (alpha > 0) and their luma over white.
            // Opaque pixels' luma is linear in their sums, so it is taken once per run below.
            var tr = 0
            var tg = 0
            var tb = 0
            var tl = 0
            let span = columns[cx]
            // Fast path: red|blue and green|alpha summed in two 32-bit lanes of a 64-bit word each
            // (a span is at most a few hundred pixels: no lane overflows). When every alpha was 255
            // the sums are the opaque case's; otherwise the span is summed again pixel by pixel.
            var redBlue: UInt64 = 0
            var greenAlpha: UInt64 = 0
            for x in span.lowerBound..<span.upperBound {
              let pixel = UInt32(littleEndian: UnsafeRawPointer(base + row + x * 4).loadUnaligned(as: UInt32.self))
              redBlue &+= UInt64(pixel & 0xFF) | UInt64(pixel & 0xFF_0000) << 16
              greenAlpha &+= UInt64((pixel >> 8) & 0xFF) | UInt64(pixel >> 24) << 32
            }
            if greenAlpha >> 32 == UInt64(255 * span.count) {
              r = Int(truncatingIfNeeded: redBlue & 0xFFFF_FFFF)
              g = Int(truncatingIfNeeded: greenAlpha & 0xFFFF_FFFF)
              b = Int(truncatingIfNeeded: redBlue >> 32)
              n = span.count
            } else {
              for x in span.lowerBound..<span.upperBound {
                let o = row + x * 4
                let pixel = UnsafeRawPointer(base + o).loadUnaligned(as: UInt32.self)
                let pr = Int(truncatingIfNeeded: UInt32(littleEndian: pixel) & 0xFF)
                let pg = Int(truncatingIfNeeded: (UInt32(littleEndian: pixel) >> 8) & 0xFF)
                let pb = Int(truncatingIfNeeded: (UInt32(littleEndian: pixel) >> 16) & 0xFF)
                let pa = Int(truncatingIfNeeded: UInt32(littleEndian: pixel) >> 24)
                if pa == 255 {
                  r += pr
                  g += pg
                  b += pb
                  n += 1
                } else {
                  if pa > 0 {
                    r += pr
                    g += pg
                    b += pb
                    n += 1
                    tr += pr
                    tg += pg
                    tb += pb
                  }
                  let white = 255 * (255 - pa)
                  tl += 299 * (pr * pa + white) + 587 * (pg * pa + white) + 114 * (pb * pa + white)
                }
              }
            }
            let l = (299 * (r - tr) + 587 * (g - tg) + 114 * (b - tb)) * 255 + tl
            red[cell] += r
            green[cell] += g
            blue[cell] += b
            visible[cell] += n
            lumaSum[cell] += l
            pixels[cell] += columns[cx].count
          }
        }
      }
    }
    for cell in 0..<cells { luma[cell] = Double(lumaSum[cell]) / Double(pixels[cell] * 255_000) }
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
