import RepriseCodecs
import Testing

@testable import RepriseKit

/// The 64x64 grid every measure starts from, against a reference that follows its definition one
/// pixel at a time: each cell the rectangle `c * size / 64 ..< max(start + 1, (c + 1) * size / 64)`
/// on both axes; colour sums and count of pixels with alpha > 0; luma of every pixel composited
/// over white, in BT.601 integer weights.
@Suite struct MeasureGridTests {
  /// The reference grid: (red, green, blue, visible, luma) per cell, row-major.
  static func reference(_ image: DecodedImage) -> (red: [Int], green: [Int], blue: [Int], visible: [Int], luma: [Double]) {
    let side = MeasureGrid.side
    func span(_ cell: Int, _ size: Int) -> Range<Int> {
      let start = cell * size / side
      return start..<max(start + 1, (cell + 1) * size / side)
    }
    var red: [Int] = []
    var green: [Int] = []
    var blue: [Int] = []
    var visible: [Int] = []
    var luma: [Double] = []
    for cy in 0..<side {
      for cx in 0..<side {
        var r = 0
        var g = 0
        var b = 0
        var n = 0
        var l = 0
        var count = 0
        for y in span(cy, image.height) {
          for x in span(cx, image.width) {
            let o = (y * image.width + x) * 4
            let (pr, pg, pb, pa) = (Int(image.rgba[o]), Int(image.rgba[o + 1]), Int(image.rgba[o + 2]), Int(image.rgba[o + 3]))
            if pa > 0 {
              r += pr
              g += pg
              b += pb
              n += 1
            }
            let white = 255 * (255 - pa)
            l += 299 * (pr * pa + white) + 587 * (pg * pa + white) + 114 * (pb * pa + white)
            count += 1
          }
        }
        red.append(r)
        green.append(g)
        blue.append(b)
        visible.append(n)
        luma.append(Double(l) / Double(count * 255_000))
      }
    }
    return (red, green, blue, visible, luma)
  }

  /// Sizes under, at and over 64 a side, and not multiples of it; opaque, partly transparent and
  /// fully transparent cells mixed in one image.
  @Test(arguments: [(1, 1), (3, 200), (64, 64), (65, 63), (127, 129), (1000, 7), (333, 250)])
  func gridMatchesItsDefinition(size: (Int, Int)) {
    let (w, h) = size
    let image = MeasuresTests.image(w, h) { x, y in
      let mix = (x &* 2_654_435_761) ^ (y &* 40503)
      // Opaque on the left half; to the right alpha varies, with whole transparent stripes.
      let alpha: UInt8 = x < w / 2 ? 255 : (y % 5 == 0 ? 0 : UInt8(truncatingIfNeeded: mix >> 3))
      return (UInt8(truncatingIfNeeded: mix), UInt8(truncatingIfNeeded: mix >> 8), UInt8(truncatingIfNeeded: x + y), alpha)
    }
    let grid = MeasureGrid(image)
    let expected = MeasureGridTests.reference(image)
    #expect(grid.red == expected.red)
    #expect(grid.green == expected.green)
    #expect(grid.blue == expected.blue)
    #expect(grid.visible == expected.visible)
    #expect(grid.luma == expected.luma)
  }
}
