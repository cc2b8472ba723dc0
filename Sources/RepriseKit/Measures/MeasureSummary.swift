/// How a result's measures read where jobs are listed (`status`, `verify`, the gallery): the
/// lock verdicts, or why the output was not measured.
public enum MeasureSummary {
  /// `palette: kept`, `composition: drifted (SSIM 0.61 < 0.80)`, or `not measured: webp: ...`;
  /// empty without measures or planned locks.
  public static func verdicts(_ measures: ImageMeasures?) -> [String] {
    guard let measures else { return [] }
    if let reason = measures.notMeasured { return ["not measured: \(reason)"] }
    return measures.verdictLines
  }

  /// The verdicts appended to a job's line, then the numbers against the baseline:
  /// `  palette: kept; composition: kept; dE 3.2, SSIM 0.91, pHash distance 4/64`, or "".
  public static func suffix(_ measures: ImageMeasures?) -> String {
    var parts = verdicts(measures)
    if let numbers = numbers(measures) { parts.append(numbers) }
    return parts.isEmpty ? "" : "  " + parts.joined(separator: "; ")
  }

  /// `dE 3.2, SSIM 0.91, pHash distance 4/64` against the baseline; nil without a comparison.
  public static func numbers(_ measures: ImageMeasures?) -> String? {
    guard let b = measures?.baseline, b.notMeasured == nil else { return nil }
    var items: [String] = []
    if let d = b.paletteDistance { items.append("dE \(MeasureRounding.text(d, 1))") }
    if let ssim = b.ssim { items.append("SSIM \(MeasureRounding.text(ssim, 2))") }
    if let bits = b.hashDistance { items.append("pHash distance \(bits)/64") }
    return items.isEmpty ? nil : items.joined(separator: ", ")
  }

  /// True when a planned lock drifted.
  public static func drifted(_ measures: ImageMeasures?) -> Bool { measures?.locks.contains { $0.state == .drifted } ?? false }

  /// How far an output drifted from its baseline, for ranking jobs (larger is further): the
  /// worst lock's overshoot past its threshold as a fraction of it, else 1 - SSIM; nil without
  /// a baseline comparison.
  public static func driftScore(_ measures: ImageMeasures?) -> Double? {
    guard let measures, measures.notMeasured == nil else { return nil }
    var worst: Double?
    for verdict in measures.locks {
      guard let value = verdict.value, verdict.threshold > 0 else { continue }
      let over = verdict.lock != .composition ? value / verdict.threshold : verdict.threshold / max(value, 0.0001)
      worst = max(worst ?? over, over)
    }
    if let worst { return worst }
    return measures.baseline?.ssim.map { 1 - $0 }
  }
}
