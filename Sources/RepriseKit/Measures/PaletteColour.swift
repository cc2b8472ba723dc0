/// One colour of a dominant palette: `#RRGGBB`, its CIELAB value (2 decimals) and the share of the
/// image's visible pixels it stands for (4 decimals).
public struct PaletteColour: Sendable, Equatable {
  /// `#RRGGBB`, the nearest sRGB colour to `lab`.
  public let hex: String
  /// CIELAB (D65), rounded to 2 decimals.
  public let lab: CIELab
  /// Share of the visible pixels, 0...1, rounded to 4 decimals.
  public let share: Double

  /// A colour as given (values already rounded).
  public init(hex: String, lab: CIELab, share: Double) {
    self.hex = hex
    self.lab = lab
    self.share = share
  }

  /// `{"hex", "lab": [L, a, b], "share"}`.
  public var json: JSONValue {
    .object(["hex": .string(hex), "lab": .array([.double(lab.l), .double(lab.a), .double(lab.b)]), "share": .double(share)])
  }

  /// Reads the record form; nil when it is not one.
  public init?(reading value: JSONValue) {
    guard let m = value.objectValue, let hex = m["hex"]?.stringValue, let lab = m["lab"]?.arrayValue, lab.count == 3,
      let l = lab[0].doubleValue, let a = lab[1].doubleValue, let b = lab[2].doubleValue, let share = m["share"]?.doubleValue
    else { return nil }
    self.init(hex: hex, lab: CIELab(l: l, a: a, b: b), share: share)
  }
}
