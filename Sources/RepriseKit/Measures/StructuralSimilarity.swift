/// SSIM (Wang, Bovik, Sheikh and Simoncelli 2004) between two 64x64 luma grids (BT.601 luma,
/// composited over white, box-filtered from the whole image whatever its aspect): the mean over
/// every 8x8 window (stride 1, uniform weights, population variances) of
/// `((2 mx my + C1)(2 sxy + C2)) / ((mx^2 + my^2 + C1)(sx^2 + sy^2 + C2))`, with L = 255,
/// K1 = 0.01, K2 = 0.03. At 64 px a side it sees layout (where the shapes and light are), not
/// texture: 1 for identical grids, lower as the composition moves.
enum StructuralSimilarity {
  /// Grid side.
  static let side = MeasureGrid.side
  /// Window side.
  static let window = 8
  /// (K1 L)^2.
  static let c1 = (0.01 * 255) * (0.01 * 255)
  /// (K2 L)^2.
  static let c2 = (0.03 * 255) * (0.03 * 255)

  /// Mean SSIM of two `side` x `side` grids.
  static func ssim(_ x: [Double], _ y: [Double]) -> Double {
    let n = side
    let w = window
    let count = Double(w * w)
    var total = 0.0
    var windows = 0
    for top in 0...(n - w) {
      for left in 0...(n - w) {
        var sx = 0.0
        var sy = 0.0
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for dy in 0..<w {
          let row = (top + dy) * n + left
          for dx in 0..<w {
            let a = x[row + dx]
            let b = y[row + dx]
            sx += a
            sy += b
            sxx += a * a
            syy += b * b
            sxy += a * b
          }
        }
        let mx = sx / count
        let my = sy / count
        let vx = max(0, sxx / count - mx * mx)
        let vy = max(0, syy / count - my * my)
        let cov = sxy / count - mx * my
        total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
        windows += 1
      }
    }
    return total / Double(windows)
  }
}
