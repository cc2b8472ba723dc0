/// How an output compares with its baseline: the baseline's own palette and hash, SSIM, pHash
/// distance and palette distance; or why the baseline was not measured.
public struct BaselineComparison: Sendable, Equatable {
  /// The baseline's sha256 (what the comparison is against).
  public var sha256: String?
  /// Why the baseline was not measured (`webp: ...`); the other members are then empty.
  public var notMeasured: String?
  /// The baseline's dominant palette.
  public var palette: [PaletteColour] = []
  /// The baseline's pHash, 16 hex digits.
  public var hash: String?
  /// SSIM of the output to the baseline (4 decimals).
  public var ssim: Double?
  /// Hamming distance of the two pHashes, 0-64.
  public var hashDistance: Int?
  /// `PaletteDistance.between` the two palettes (4 decimals).
  public var paletteDistance: Double?

  /// A comparison as given.
  public init(sha256: String?, notMeasured: String? = nil) {
    self.sha256 = sha256
    self.notMeasured = notMeasured
  }

  /// The record form.
  public var json: JSONValue {
    var m: [String: JSONValue] = ["sha256": .optional(sha256)]
    if let notMeasured {
      m["not_measured"] = .string(notMeasured)
      return .object(m)
    }
    m["palette"] = .array(palette.map(\.json))
    m["phash"] = .optional(hash)
    m["ssim"] = ssim.map { .double($0) } ?? .null
    m["phash_distance"] = .optional(hashDistance)
    m["palette_distance"] = paletteDistance.map { .double($0) } ?? .null
    return .object(m)
  }

  /// Reads the record form.
  init?(reading value: JSONValue) {
    guard let m = value.objectValue else { return nil }
    sha256 = m["sha256"]?.stringValue
    notMeasured = m["not_measured"]?.stringValue
    palette = m["palette"]?.arrayValue?.compactMap(PaletteColour.init(reading:)) ?? []
    hash = m["phash"]?.stringValue
    ssim = m["ssim"]?.doubleValue
    hashDistance = m["phash_distance"]?.intValue.map { Int($0) }
    paletteDistance = m["palette_distance"]?.doubleValue
  }
}
