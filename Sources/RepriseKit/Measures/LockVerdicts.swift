/// Decides lock verdicts from measures: the palette lock by the palette distance to the baseline's
/// palette (kept while at most the threshold); the composition lock by SSIM to the baseline (kept
/// while at least the threshold); reference colours (a brand palette), whatever the locks, by the
/// palette distance to them, as a separate `brand palette` verdict with the palette threshold. A
/// lock with nothing measured to compare with is `not_checked`.
public enum LockVerdicts {
  /// The verdicts for `locks` (palette first), from measures already compared.
  public static func evaluate(_ measures: ImageMeasures, locks: PlannedLocks, thresholds: MeasureThresholds) -> [LockVerdict] {
    guard measures.notMeasured == nil else { return [] }
    var verdicts: [LockVerdict] = []
    let paletteThreshold = thresholds.paletteDistance
    func distanceVerdict(_ lock: LockVerdict.Lock, _ distance: Double?, _ against: String) -> LockVerdict {
      guard let distance else { return LockVerdict(lock: lock, state: .notChecked, value: nil, threshold: paletteThreshold, against: nil) }
      return LockVerdict(lock: lock, state: distance <= paletteThreshold ? .kept : .drifted, value: distance, threshold: paletteThreshold, against: against)
    }
    if locks.palette { verdicts.append(distanceVerdict(.palette, measures.baseline?.paletteDistance, "baseline")) }
    if locks.composition {
      let threshold = thresholds.compositionSSIM
      if let ssim = measures.baseline?.ssim {
        verdicts.append(LockVerdict(lock: .composition, state: ssim >= threshold ? .kept : .drifted, value: ssim, threshold: threshold, against: "baseline"))
      } else {
        verdicts.append(LockVerdict(lock: .composition, state: .notChecked, value: nil, threshold: threshold, against: nil))
      }
    }
    if let reference = measures.reference { verdicts.append(distanceVerdict(.brandPalette, reference.paletteDistance, "palette")) }
    return verdicts
  }
}
