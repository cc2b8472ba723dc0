/// The dominant palette of an image: weighted k-means in CIELAB over the 64x64 box-filter grid
/// (each cell's mean colour, weighted by its visible pixels; fully transparent pixels ignored),
/// seeded by k-means++ from a fixed seed, at most 40 Lloyd iterations. Deterministic: the same
/// image gives the same palette, colour for colour, on every run.
enum DominantPalette {
  /// Colours in a palette (fewer when the image has fewer distinct cell colours).
  static let k = 6
  /// The k-means++ seed ("reprise!" in ASCII).
  static let seed: UInt64 = 0x7265_7072_6973_6521
  /// Lloyd iterations at most (it stops earlier once no cell changes cluster).
  static let iterations = 40

  /// The palette of a grid, largest share first (ties: lighter first, then by hex).
  static func palette(of grid: MeasureGrid) -> [PaletteColour] {
    var points: [CIELab] = []
    var weights: [Double] = []
    for cell in 0..<grid.visible.count where grid.visible[cell] > 0 {
      let n = Double(grid.visible[cell])
      points.append(CIELab(srgb: Double(grid.red[cell]) / n, Double(grid.green[cell]) / n, Double(grid.blue[cell]) / n))
      weights.append(n)
    }
    guard !points.isEmpty else { return [] }
    let total = weights.reduce(0, +)
    var centres = seedCentres(points, weights)
    var assignment = Array(repeating: -1, count: points.count)
    for _ in 0..<iterations {
      var changed = false
      for (i, p) in points.enumerated() {
        let nearest = nearestCentre(p, centres)
        if nearest != assignment[i] {
          assignment[i] = nearest
          changed = true
        }
      }
      centres = means(points, weights, assignment, centres)
      if !changed { break }
    }
    var clusterWeight = Array(repeating: 0.0, count: centres.count)
    for (i, c) in assignment.enumerated() { clusterWeight[c] += weights[i] }
    var colours: [PaletteColour] = []
    for (c, centre) in centres.enumerated() where clusterWeight[c] > 0 {
      let lab = centre.rounded(2)
      colours.append(PaletteColour(hex: lab.hex, lab: lab, share: MeasureRounding.round(clusterWeight[c] / total, 4)))
    }
    return colours.sorted {
      if $0.share != $1.share { return $0.share > $1.share }
      if $0.lab.l != $1.lab.l { return $0.lab.l > $1.lab.l }
      return $0.hex < $1.hex
    }
  }

  private static func distance(_ x: CIELab, _ y: CIELab) -> Double {
    let dl = x.l - y.l
    let da = x.a - y.a
    let db = x.b - y.b
    return dl * dl + da * da + db * db
  }

  private static func nearestCentre(_ p: CIELab, _ centres: [CIELab]) -> Int {
    var best = 0
    var bestDistance = Double.infinity
    for (c, centre) in centres.enumerated() {
      let d = distance(p, centre)
      if d < bestDistance {
        best = c
        bestDistance = d
      }
    }
    return best
  }

  /// k-means++: the first centre by weight, each next one by weight x squared distance to the
  /// nearest centre so far; stops early when every point already is a centre.
  private static func seedCentres(_ points: [CIELab], _ weights: [Double]) -> [CIELab] {
    var random = PaletteSeedGenerator(seed: seed)
    func pick(_ scores: [Double]) -> Int? {
      let sum = scores.reduce(0, +)
      guard sum > 0 else { return nil }
      let target = random.unit() * sum
      var running = 0.0
      for (i, s) in scores.enumerated() {
        running += s
        if running > target, s > 0 { return i }
      }
      return scores.lastIndex { $0 > 0 }
    }
    guard let first = pick(weights) else { return [] }
    var centres = [points[first]]
    var nearest = points.map { distance($0, points[first]) }
    while centres.count < k {
      guard let next = pick(zip(weights, nearest).map { $0 * $1 }) else { break }
      centres.append(points[next])
      for (i, p) in points.enumerated() { nearest[i] = min(nearest[i], distance(p, points[next])) }
    }
    return centres
  }

  /// Each centre moved to the weighted mean of its points (an empty cluster keeps its centre).
  private static func means(_ points: [CIELab], _ weights: [Double], _ assignment: [Int], _ centres: [CIELab]) -> [CIELab] {
    var sums = Array(repeating: (l: 0.0, a: 0.0, b: 0.0, w: 0.0), count: centres.count)
    for (i, p) in points.enumerated() {
      let c = assignment[i]
      let w = weights[i]
      sums[c].l += p.l * w
      sums[c].a += p.a * w
      sums[c].b += p.b * w
      sums[c].w += w
    }
    return centres.indices.map { c in
      let s = sums[c]
      return s.w > 0 ? CIELab(l: s.l / s.w, a: s.a / s.w, b: s.b / s.w) : centres[c]
    }
  }
}
