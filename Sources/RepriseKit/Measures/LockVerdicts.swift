/// Decides lock verdicts from measures: the palette lock by the palette distance to the reference
/// colours when given, else to the baseline's palette (kept while at most the threshold); the
/// composition lock by SSIM to the baseline (kept while at least the threshold). A lock with
/// nothing measured to compare with is `not_checked`. Reference colours (a brand palette) are
/// checked even without a palette lock.
public enum LockVerdicts {
  /// The verdicts for `locks` (palette first), from measures already compared.
  public static func evaluate(_ measures: ImageMeasures, locks: PlannedLocks, thresholds: MeasureThresholds) -> [LockVerdict] {
    guard measures.notMeasured == nil else { return [] }
    var verdicts: [LockVerdict] = []
    if locks.palette || measures.reference != nil {
      let threshold = thresholds.paletteDistance
      func verdict(_ distance: Double, _ against: String) -> LockVerdict {
        LockVerdict(lock: .palette, state: distance <= threshold ? .kept : .drifted, value: distance, threshold: threshold, against: against)
      }
      if let distance = measures.reference?.paletteDistance {
        verdicts.append(verdict(distance, "palette"))
      } else if let distance = measures.baseline?.paletteDistance {
        verdicts.append(verdict(distance, "baseline"))
      } else {
        verdicts.append(LockVerdict(lock: .palette, state: .notChecked, value: nil, threshold: threshold, against: nil))
      }
    }
    if locks.composition {
      let threshold = thresholds.compositionSSIM
      if let ssim = measures.baseline?.ssim {
        verdicts.append(LockVerdict(lock: .composition, state: ssim >= threshold ? .kept : .drifted, value: ssim, threshold: threshold, against: "baseline"))
      } else {
        verdicts.append(LockVerdict(lock: .composition, state: .notChecked, value: nil, threshold: threshold, against: nil))
      }
    }
    return verdicts
  }
}
