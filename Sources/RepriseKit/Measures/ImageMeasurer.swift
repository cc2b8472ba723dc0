import RepriseCodecs

/// Measures an image: decode, features, comparison with a baseline and reference colours, verdicts.
/// The one entry point `reprise measure`, the drain and anything wiring a brand palette call.
public enum ImageMeasurer {
  /// Measures of decoded pixels against an optional baseline (its features, or why it was not
  /// measured) and optional reference colours (normalised `#RRGGBB`).
  public static func measure(
    _ features: ImageFeatures, baseline: BaselineFeatures?, palette: [String]?, locks: PlannedLocks, thresholds: MeasureThresholds = .standard
  ) -> ImageMeasures {
    var measures = ImageMeasures(features: features)
    if let baseline {
      var comparison = BaselineComparison(sha256: baseline.sha256)
      switch baseline.result {
      case .failure(let reason): comparison.notMeasured = reason.message
      case .success(let b):
        comparison.palette = b.palette
        comparison.hash = PerceptualHash.hex(b.hash)
        comparison.ssim = features.ssim(to: b)
        comparison.hashDistance = PerceptualHash.distance(features.hash, b.hash)
        comparison.paletteDistance = PaletteDistance.between(features.palette, b.palette).map { MeasureRounding.round($0, 4) }
      }
      measures.baseline = comparison
    }
    if let palette, !palette.isEmpty {
      let labs = palette.compactMap(HexColour.lab)
      let distance = PaletteDistance.toReference(features.palette, labs).map { MeasureRounding.round($0, 4) }
      measures.reference = ReferencePalette(colours: palette.compactMap(HexColour.normalise), paletteDistance: distance)
    }
    measures.locks = LockVerdicts.evaluate(measures, locks: locks, thresholds: thresholds)
    return measures
  }

  /// Measures of image bytes; a file that does not decode gives `not_measured` with the decoder's reason.
  public static func measure(
    bytes: [UInt8], baseline: BaselineFeatures?, palette: [String]?, locks: PlannedLocks, thresholds: MeasureThresholds = .standard
  ) -> ImageMeasures {
    switch decode(bytes) {
    case .failure(let error): return ImageMeasures(notMeasured: error.message)
    case .success(let features): return measure(features, baseline: baseline, palette: palette, locks: locks, thresholds: thresholds)
    }
  }

  /// The features of image bytes, or the decoder's reason.
  public static func decode(_ bytes: [UInt8]) -> Result<ImageFeatures, MeasureFailure> {
    do {
      return .success(try ImageFeatures(decoding: bytes))
    } catch {
      return .failure(MeasureFailure(error))
    }
  }
}
