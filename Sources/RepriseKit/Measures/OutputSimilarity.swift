/// How two outputs of one job compare (`rerun`, `diff`): `identical bytes`, `near-identical (pHash
/// distance 2/64, dE 0.8)` when both were measured and their pHash distance and palette distance
/// are within the near-identical thresholds (default 6 and 3), else `different` (with the numbers
/// when both were measured).
public enum OutputSimilarity: Sendable, Equatable {
  /// The same bytes.
  case identicalBytes
  /// Different bytes, the same picture to the measures.
  case nearIdentical(hashDistance: Int, paletteDistance: Double)
  /// Different pictures; the numbers when both sides were measured.
  case different(hashDistance: Int?, paletteDistance: Double?)

  /// Compares two outputs by digest first, then by their recorded measures.
  public static func compare(
    sha256 old: String?, _ new: String?, measures oldMeasures: ImageMeasures?, _ newMeasures: ImageMeasures?,
    thresholds: MeasureThresholds = .standard
  ) -> OutputSimilarity {
    if let old, old == new { return .identicalBytes }
    guard let a = oldMeasures, let b = newMeasures, a.notMeasured == nil, b.notMeasured == nil,
      let ha = a.hash.flatMap(PerceptualHash.parse), let hb = b.hash.flatMap(PerceptualHash.parse),
      let distance = PaletteDistance.between(a.palette, b.palette).map({ MeasureRounding.round($0, 4) })
    else { return .different(hashDistance: nil, paletteDistance: nil) }
    let bits = PerceptualHash.distance(ha, hb)
    if bits <= thresholds.nearIdenticalHashDistance, distance <= thresholds.nearIdenticalPaletteDistance {
      return .nearIdentical(hashDistance: bits, paletteDistance: distance)
    }
    return .different(hashDistance: bits, paletteDistance: distance)
  }

  /// `identical`, `near-identical` or `different`.
  public var verdict: String {
    switch self {
    case .identicalBytes: return "identical"
    case .nearIdentical: return "near-identical"
    case .different: return "different"
    }
  }

  /// `identical bytes`, `near-identical (pHash distance 2/64, dE 0.8)`, `different (pHash distance 30/64, dE 12.4)`, `different`.
  public var line: String {
    switch self {
    case .identicalBytes: return "identical bytes"
    case .nearIdentical(let bits, let distance): return "near-identical (pHash distance \(bits)/64, dE \(MeasureRounding.text(distance, 1)))"
    case .different(let bits?, let distance?): return "different (pHash distance \(bits)/64, dE \(MeasureRounding.text(distance, 1)))"
    case .different: return "different"
    }
  }

  /// `{"verdict", "phash_distance", "palette_distance", "line"}`.
  public var json: JSONValue {
    var bits: Int?
    var distance: Double?
    switch self {
    case .identicalBytes: break
    case .nearIdentical(let b, let d): (bits, distance) = (b, d)
    case .different(let b, let d): (bits, distance) = (b, d)
    }
    return .object([
      "verdict": .string(verdict), "phash_distance": .optional(bits), "palette_distance": distance.map { .double($0) } ?? .null, "line": .string(line),
    ])
  }
}
