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
    // Cells of one flat area have the same sums: their colour is converted once (a small
    // direct-mapped memo keyed by the exact sums, so the result is the conversion's, bit for bit).
    var memo = [(key: SIMD4<Int>, lab: CIELab)?](repeating: nil, count: 256)
    for cell in 0..<grid.visible.count where grid.visible[cell] > 0 {
      let key = SIMD4(grid.red[cell], grid.green[cell], grid.blue[cell], grid.visible[cell])
      let slot = Int(truncatingIfNeeded: UInt(bitPattern: (key[0] &* 73_856_093) ^ (key[1] &* 19_349_663) ^ (key[2] &* 83_492_791) ^ key[3]) % 256)
      let lab: CIELab
      if let hit = memo[slot], hit.key == key {
        lab = hit.lab
      } else {
        let n = Double(key[3])
        lab = CIELab(srgb: Double(key[0]) / n, Double(key[1]) / n, Double(key[2]) / n)
        memo[slot] = (key, lab)
      }
      points.append(lab)
      weights.append(Double(key[3]))
    }
    guard !points.isEmpty else { return [] }
    let total = weights.reduce(0, +)
    var centres = seedCentres(points, weights)
    var assignment = Array(repeating: -1, count: points.count)
    for _ in 0..<iterations {
      let changed = assign(points, centres, &assignment)
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

  /// Each point's nearest centre (the first of equals); whether any assignment changed.
  private static func assign(_ points: [CIELab], _ centres: [CIELab], _ assignment: inout [Int]) -> Bool {
    var changed = false
    let k = centres.count
    points.withUnsafeBufferPointer { points in
      centres.withUnsafeBufferPointer { centres in
        assignment.withUnsafeMutableBufferPointer { assignment in
          for i in 0..<points.count {
            let p = points[i]
            var best = 0
            var bestDistance = Double.infinity
            for c in 0..<k {
              let d = distance(p, centres[c])
              if d < bestDistance {
                best = c
                bestDistance = d
              }
            }
            if best != assignment[i] {
              assignment[i] = best
              changed = true
            }
          }
        }
      }
    }
    return changed
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
