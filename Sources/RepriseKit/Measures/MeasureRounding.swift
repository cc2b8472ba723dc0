/// The one rounding rule for recorded numbers: half away from zero at a fixed number of decimals,
/// so a record holds the same digits on every run (and `-0` never appears).
enum MeasureRounding {
  /// `value` rounded to `places` decimals.
  static func round(_ value: Double, _ places: Int) -> Double {
    guard value.isFinite else { return 0 }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let r = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
    return r == 0 ? 0 : r
  }

  /// `value` with at most `places` decimals, trailing zeros dropped (`14.2`, `0.61`, `10`).
  static func text(_ value: Double, _ places: Int) -> String {
    let r = round(value, places)
    var s = String(format: "%.\(places)f", r)
    if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    return s
  }
}
