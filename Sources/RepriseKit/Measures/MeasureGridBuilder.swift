/// Builds a `MeasureGrid` from rows handed over one at a time, top to bottom (as
/// `ImageDecoder.decodeRows` gives them), so an image is measured without its pixels ever being in
/// memory whole.
///
/// Each band of rows that makes a row of cells is summed as it arrives: a row whose pixels are all
/// opaque is added sample by sample into per-column sums (16-bit lanes, moved into wider sums
/// before one could overflow: a loop the compiler vectorises); any other row is added pixel by
/// pixel, its colour counting where alpha > 0 and its luma composited over white. When the band's
/// last row is in, each cell adds its columns. Every sum is an integer and an opaque pixel adds the
/// same to every sum either way, so the grid is exactly the one the definition gives
/// (`MeasureGridTests`), whatever the mix of rows.
struct MeasureGridBuilder {
  private let side = MeasureGrid.side
  private let width: Int
  private let height: Int
  /// Start and end of each cell's span, columns then rows: `[start0, end0, start1, end1, ...]`.
  private let columns: [Int]
  private let rows: [Int]
  private var grid: MeasureGrid
  /// The open band's per-column sums of opaque rows (16-bit, and the wider sums they move into).
  private var narrow: [UInt16]
  private var wide: [Int]
  private var pendingRows = 0
  private var opaqueRows = 0
  /// The open band's sums from rows that are not all opaque, per cell: red, green, blue, visible, luma.
  private var mixed: [Int]
  private var anyMixed = false

  /// Rows a 16-bit column sum takes before it could overflow (255 per sample).
  private static let rowsPerFlush = Int(UInt16.max / 255)

  /// A builder for a `width` x `height` image.
  init(width: Int, height: Int) {
    self.width = width
    self.height = height
    func bounds(_ size: Int) -> [Int] {
      (0..<MeasureGrid.side).flatMap { cell -> [Int] in
        let start = cell * size / MeasureGrid.side
        return [start, max(start + 1, (cell + 1) * size / MeasureGrid.side)]
      }
    }
    columns = bounds(width)
    rows = bounds(height)
    let cells = MeasureGrid.side * MeasureGrid.side
    grid = MeasureGrid(red: Array(repeating: 0, count: cells), green: Array(repeating: 0, count: cells), blue: Array(repeating: 0, count: cells),
      visible: Array(repeating: 0, count: cells), luma: Array(repeating: 0, count: cells))
    narrow = Array(repeating: 0, count: width * 4)
    wide = Array(repeating: 0, count: width * 4)
    mixed = Array(repeating: 0, count: MeasureGrid.side * 5)
  }

  /// Adds row `y` (4 bytes per pixel, `width` pixels). Rows must come in order, each once.
  mutating func add(row y: Int, _ pixels: UnsafePointer<UInt8>) {
    // Bands holding row y: one when the image is at least 64 rows high, else each a single row.
    var cy = min(side - 1, y * side / height)
    while cy > 0, rows[2 * (cy - 1)] <= y, y < rows[2 * (cy - 1) + 1] { cy -= 1 }
    while cy < side, rows[2 * cy] <= y {
      if y < rows[2 * cy + 1] { add(pixels, toBand: cy, last: y == rows[2 * cy + 1] - 1) }
      cy += 1
    }
  }

  private mutating func add(_ pixels: UnsafePointer<UInt8>, toBand cy: Int, last: Bool) {
    let n = width * 4
    // Every alpha is 255 exactly when the AND of all pixels (as little-endian words) has 255 in its
    // top byte: a loop without branches, which the compiler vectorises (model outputs are opaque).
    var every: UInt32 = .max
    let words = UnsafeRawPointer(pixels)
    for x in 0..<width { every &= UInt32(littleEndian: words.loadUnaligned(fromByteOffset: 4 * x, as: UInt32.self)) }
    if every >> 24 == 255 {
      narrow.withUnsafeMutableBufferPointer { narrow in
        for i in 0..<n { narrow[i] &+= UInt16(pixels[i]) }
      }
      pendingRows += 1
      opaqueRows += 1
      if pendingRows == Self.rowsPerFlush { flush() }
    } else {
      anyMixed = true
      mixed.withUnsafeMutableBufferPointer { mixed in
        for cx in 0..<side {
          var r = 0
          var g = 0
          var b = 0
          var visible = 0
          var l = 0
          for x in columns[2 * cx]..<columns[2 * cx + 1] {
            let pr = Int(pixels[4 * x])
            let pg = Int(pixels[4 * x + 1])
            let pb = Int(pixels[4 * x + 2])
            let pa = Int(pixels[4 * x + 3])
            if pa > 0 {
              r += pr
              g += pg
              b += pb
              visible += 1
            }
            let white = 255 * (255 - pa)
            l += 299 * (pr * pa + white) + 587 * (pg * pa + white) + 114 * (pb * pa + white)
          }
          mixed[5 * cx] += r
          mixed[5 * cx + 1] += g
          mixed[5 * cx + 2] += b
          mixed[5 * cx + 3] += visible
          mixed[5 * cx + 4] += l
        }
      }
    }
    if last { close(band: cy) }
  }

  private mutating func flush() {
    let n = width * 4
    wide.withUnsafeMutableBufferPointer { wide in
      narrow.withUnsafeMutableBufferPointer { narrow in
        for i in 0..<n { wide[i] &+= Int(narrow[i]) }
        narrow.update(repeating: 0)
      }
    }
    pendingRows = 0
  }

  private mutating func close(band cy: Int) {
    flush()
    let bandHeight = rows[2 * cy + 1] - rows[2 * cy]
    for cx in 0..<side {
      let cell = cy * side + cx
      let left = columns[2 * cx]
      let right = columns[2 * cx + 1]
      var (r, g, b) = wide.withUnsafeBufferPointer { wide in
        var r = 0
        var g = 0
        var b = 0
        for x in left..<right {
          r &+= wide[4 * x]
          g &+= wide[4 * x + 1]
          b &+= wide[4 * x + 2]
        }
        return (r, g, b)
      }
      var visible = (right - left) * opaqueRows
      var l = (299 * r + 587 * g + 114 * b) * 255
      if anyMixed {
        r += mixed[5 * cx]
        g += mixed[5 * cx + 1]
        b += mixed[5 * cx + 2]
        visible += mixed[5 * cx + 3]
        l += mixed[5 * cx + 4]
      }
      grid.red[cell] = r
      grid.green[cell] = g
      grid.blue[cell] = b
      grid.visible[cell] = visible
      grid.luma[cell] = Double(l) / Double((right - left) * bandHeight * 255_000)
    }
    wide.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    if anyMixed { mixed.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
    opaqueRows = 0
    anyMixed = false
  }

  /// The grid, once every row was added.
  func finish() -> MeasureGrid { grid }
}
