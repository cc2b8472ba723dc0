/// Whether an output kept one planned lock, and the line that says so.
public struct LockVerdict: Sendable, Equatable {
  /// Which lock.
  public enum Lock: String, Sendable {
    /// `lock_palette`: judged by palette distance.
    case palette
    /// `lock_composition`: judged by SSIM.
    case composition
    /// The brand palette (`spec.palette`, `reprise measure --palette`): judged by the palette
    /// distance to those colours, whatever the locks.
    case brandPalette = "brand_palette"

    /// How the verdict line names it: `palette`, `composition`, `brand palette`.
    public var name: String { self == .brandPalette ? "brand palette" : rawValue }
  }

  /// The outcome.
  public enum State: String, Sendable {
    /// Within the threshold.
    case kept
    /// Past it.
    case drifted
    /// Nothing to compare with (no baseline, or it could not be measured).
    case notChecked = "not_checked"
  }

  /// Which lock.
  public let lock: Lock
  /// The outcome.
  public let state: State
  /// Palette distance (dE) or SSIM; nil when not checked.
  public let value: Double?
  /// The threshold applied.
  public let threshold: Double
  /// `baseline`, or `palette` (the `--palette` colours: the brand palette verdict, and palette
  /// verdicts recorded before it existed); nil when not checked.
  public let against: String?

  /// A verdict as given.
  public init(lock: Lock, state: State, value: Double?, threshold: Double, against: String?) {
    self.lock = lock
    self.state = state
    self.value = value
    self.threshold = threshold
    self.against = against
  }

  /// `palette: kept`, `palette: drifted (dE 14.2 > 10)`, `composition: drifted (SSIM 0.61 < 0.80)`,
  /// `composition: not checked (no baseline measured)`, `brand palette: drifted (dE 12.3 > 10)`.
  public var line: String {
    switch state {
    case .kept: return "\(lock.name): kept"
    case .notChecked: return "\(lock.name): not checked (no \(lock == .brandPalette ? "palette" : "baseline") measured)"
    case .drifted:
      let v = value ?? 0
      if lock != .composition {
        let places = MeasureRounding.text(v, 1) == MeasureRounding.text(threshold, 1) ? 4 : 1
        return "\(lock.name): drifted (dE \(MeasureRounding.text(v, places)) > \(MeasureRounding.text(threshold, 4)))"
      }
      var text = String(format: "%.2f", MeasureRounding.round(v, 2))
      let limit = String(format: "%.2f", MeasureRounding.round(threshold, 2))
      if text == limit { text = MeasureRounding.text(v, 4) }
      return "composition: drifted (SSIM \(text) < \(limit))"
    }
  }

  /// `{"state", "value", "threshold", "against", "line"}`.
  public var json: JSONValue {
    .object([
      "state": .string(state.rawValue), "value": value.map { .double($0) } ?? .null, "threshold": .double(threshold),
      "against": .optional(against), "line": .string(line),
    ])
  }

  /// Reads the record form of the verdict for `lock`.
  init?(lock: Lock, reading value: JSONValue) {
    guard let m = value.objectValue, let state = m["state"]?.stringValue.flatMap(State.init(rawValue:)), let threshold = m["threshold"]?.doubleValue
    else { return nil }
    self.init(lock: lock, state: state, value: m["value"]?.doubleValue, threshold: threshold, against: m["against"]?.stringValue)
  }
}
