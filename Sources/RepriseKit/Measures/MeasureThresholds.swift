/// The thresholds verdicts are decided by (README "Measures" documents each).
public struct MeasureThresholds: Sendable, Equatable {
  /// A palette lock is kept while the palette distance (weighted CIEDE2000) is at most this. Default 10.
  public var paletteDistance: Double
  /// A composition lock is kept while SSIM to the baseline is at least this. Default 0.80.
  public var compositionSSIM: Double
  /// Two different outputs are near-identical when their pHash distance is at most this (of 64)... Default 6.
  public var nearIdenticalHashDistance: Int
  /// ...and their palette distance at most this. Default 3.
  public var nearIdenticalPaletteDistance: Double

  /// The defaults.
  public static let standard = MeasureThresholds()

  /// Thresholds as given (defaults otherwise).
  public init(paletteDistance: Double = 10, compositionSSIM: Double = 0.80, nearIdenticalHashDistance: Int = 6, nearIdenticalPaletteDistance: Double = 3) {
    self.paletteDistance = paletteDistance
    self.compositionSSIM = compositionSSIM
    self.nearIdenticalHashDistance = nearIdenticalHashDistance
    self.nearIdenticalPaletteDistance = nearIdenticalPaletteDistance
  }
}
