/// Colours an output is held to (`--palette`, or a spec's brand palette), and how far its palette is
/// from them.
public struct ReferencePalette: Sendable, Equatable {
  /// Normalised `#RRGGBB` colours, in the order given.
  public var colours: [String]
  /// `PaletteDistance.toReference` of the output's palette (4 decimals); nil when nothing measured.
  public var paletteDistance: Double?

  /// A comparison as given.
  public init(colours: [String], paletteDistance: Double?) {
    self.colours = colours
    self.paletteDistance = paletteDistance
  }

  /// `{"colours", "palette_distance"}`.
  public var json: JSONValue { .object(["colours": .strings(colours), "palette_distance": paletteDistance.map { .double($0) } ?? .null]) }

  /// Reads the record form.
  init?(reading value: JSONValue) {
    guard let m = value.objectValue, let colours = m["colours"]?.arrayValue?.compactMap(\.stringValue) else { return nil }
    self.init(colours: colours, paletteDistance: m["palette_distance"]?.doubleValue)
  }
}
