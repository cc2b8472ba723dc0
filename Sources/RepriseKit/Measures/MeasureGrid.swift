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
  ///
  /// For each band of rows that makes a row of cells, the rows are first added sample by sample
  /// into per-column sums (16-bit lanes, moved into wider sums before one could overflow: a loop
  /// the compiler vectorises), then each cell adds its columns. A cell whose alpha sum says every
  /// pixel was opaque takes those sums as they are (its luma is linear in them); only a cell with a
  /// pixel that is not opaque is summed again pixel by pixel. Every sum is an integer, so the
  /// result does not depend on the order pixels are added in (`MeasureGridTests` checks it
  /// against the definition, one pixel at a time).
  init(_ image: DecodedImage) {
    let side = MeasureGrid.side
    let cells = side * side
    let w = image.width
    let h = image.height
    var red = Array(repeating: 0, count: cells)
    var green = red
    var blue = red
    var visible = red
    var lumaSum = red
    var pixels = red
    // Cell c covers start(c)..<end(c) of a side of `size` pixels (spans overlap, repeating pixels,
    // only when the side is under 64 pixels).
    func bounds(_ size: Int) -> [Int] {
      (0..<side).flatMap { cell -> [Int] in
        let start = cell * size / side
        return [start, max(start + 1, (cell + 1) * size / side)]
      }
    }
    let columns = bounds(w)
    let rows = bounds(h)
    // Rows a 16-bit column sum takes before it could overflow (255 per sample).
    let rowsPerFlush = Int(UInt16.max / 255)
    image.rgba.withUnsafeBytes { raw in
      guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
      // Column sums of the current band of rows, four samples per pixel.
      var columnSums = [UInt16](repeating: 0, count: w * 4)
      var sums = [Int](repeating: 0, count: w * 4)
      columnSums.withUnsafeMutableBufferPointer { columnSums in
        sums.withUnsafeMutableBufferPointer { sums in
          let acc = columnSums.baseAddress!
          let wide = sums.baseAddress!
          for cy in 0..<side {
            let top = rows[2 * cy]
            let bottom = rows[2 * cy + 1]
            var pending = 0
            for i in 0..<(w * 4) { wide[i] = 0 }
            for y in top..<bottom {
              let row = base + y * w * 4
              for i in 0..<(w * 4) { acc[i] &+= UInt16(row[i]) }
              pending += 1
              if pending == rowsPerFlush || y == bottom - 1 {
                for i in 0..<(w * 4) {
                  wide[i] += Int(acc[i])
                  acc[i] = 0
                }
                pending = 0
              }
            }
            for cx in 0..<side {
              let cell = cy * side + cx
              let left = columns[2 * cx]
              let right = columns[2 * cx + 1]
              let count = (right - left) * (bottom - top)
              pixels[cell] = count
              var r = 0
              var g = 0
              var b = 0
              var a = 0
              for x in left..<right {
                r += wide[4 * x]
                g += wide[4 * x + 1]
                b += wide[4 * x + 2]
                a += wide[4 * x + 3]
              }
              if a == 255 * count {
                red[cell] = r
                green[cell] = g
                blue[cell] = b
                visible[cell] = count
                lumaSum[cell] = (299 * r + 587 * g + 114 * b) * 255
                continue
              }
              // A pixel that is not opaque: its colour counts when alpha > 0, its luma is composited over white.
              r = 0
              g = 0
              b = 0
              var n = 0
              var l = 0
              for y in top..<bottom {
                let row = base + y * w * 4
                for x in left..<right {
                  let pr = Int(row[4 * x])
                  let pg = Int(row[4 * x + 1])
                  let pb = Int(row[4 * x + 2])
                  let pa = Int(row[4 * x + 3])
                  if pa > 0 {
                    r += pr
                    g += pg
                    b += pb
                    n += 1
                  }
                  let white = 255 * (255 - pa)
                  l += 299 * (pr * pa + white) + 587 * (pg * pa + white) + 114 * (pb * pa + white)
                }
              }
              red[cell] = r
              green[cell] = g
              blue[cell] = b
              visible[cell] = n
              lumaSum[cell] = l
            }
          }
        }
      }
    }
    self.red = red
    self.green = green
    self.blue = blue
    self.visible = visible
    luma = (0..<cells).map { Double(lumaSum[$0]) / Double(pixels[$0] * 255_000) }
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
