/// The `measures` member of a result (`reprise.measures/1`): the output's dominant palette and
/// perceptual hash, its comparison with the baseline and with reference colours, and a verdict
/// per planned lock; or only why it was not measured. Every number is rounded when computed (4
/// decimals; CIELAB 2), so a record read back writes the same bytes.
public struct ImageMeasures: Sendable, Equatable {
  /// The schema written in every `measures` member.
  public static let schema = "reprise.measures/1"

  /// Why the output was not measured (`webp: lossy VP8 is not decoded`); everything else is then empty.
  public var notMeasured: String?
  /// Width in pixels.
  public var width: Int?
  /// Height in pixels.
  public var height: Int?
  /// Dominant palette, largest share first.
  public var palette: [PaletteColour] = []
  /// pHash, 16 hex digits.
  public var hash: String?
  /// The comparison with the baseline, when there is one.
  public var baseline: BaselineComparison?
  /// The comparison with reference colours, when given.
  public var reference: ReferencePalette?
  /// One verdict per planned lock (palette, composition), then the brand palette's.
  public var locks: [LockVerdict] = []

  /// Measures that could not be taken.
  public init(notMeasured reason: String) { notMeasured = reason }

  /// Measures as given.
  public init(features: ImageFeatures) {
    width = features.width
    height = features.height
    palette = features.palette
    hash = PerceptualHash.hex(features.hash)
  }

  /// The lines `reprise measure`, `status` and the gallery print for the verdicts.
  public var verdictLines: [String] { locks.map(\.line) }

  /// The verdict for one lock, if it was planned.
  public func verdict(_ lock: LockVerdict.Lock) -> LockVerdict? { locks.first { $0.lock == lock } }

  /// The record form.
  public var json: JSONValue {
    var m: [String: JSONValue] = ["schema": .string(ImageMeasures.schema)]
    if let notMeasured {
      m["not_measured"] = .string(notMeasured)
      return .object(m)
    }
    m["width"] = .optional(width)
    m["height"] = .optional(height)
    m["palette"] = .array(palette.map(\.json))
    m["phash"] = .optional(hash)
    if let baseline { m["baseline"] = baseline.json }
    if let reference { m["reference_palette"] = reference.json }
    var locks: [String: JSONValue] = [:]
    for verdict in self.locks { locks[verdict.lock.rawValue] = verdict.json }
    m["locks"] = .object(locks)
    return .object(m)
  }

  /// Reads the record form (any `reprise.measures/1...` schema); nil when it is not one.
  public init?(reading value: JSONValue) {
    guard let m = value.objectValue, let schema = m["schema"]?.stringValue, schema == ImageMeasures.schema || schema.hasPrefix(ImageMeasures.schema + ".")
    else { return nil }
    notMeasured = m["not_measured"]?.stringValue
    width = m["width"]?.intValue.map { Int($0) }
    height = m["height"]?.intValue.map { Int($0) }
    palette = m["palette"]?.arrayValue?.compactMap(PaletteColour.init(reading:)) ?? []
    hash = m["phash"]?.stringValue
    baseline = m["baseline"].flatMap(BaselineComparison.init(reading:))
    reference = m["reference_palette"].flatMap(ReferencePalette.init(reading:))
    let lockMembers = m["locks"]?.objectValue ?? [:]
    locks = [LockVerdict.Lock.palette, .composition, .brandPalette].compactMap { lock in
      lockMembers[lock.rawValue].flatMap { LockVerdict(lock: lock, reading: $0) }
    }
  }
}
