/// How far a child iteration's outputs drifted from its baseline (the parent's image), from the
/// measures its drain recorded in each succeeded result: the median palette distance and SSIM to
/// the baseline, and how many outputs drifted past a lock held to the baseline (`palette`,
/// `composition`; the brand palette is not drift from the parent).
package struct LineageDrift: Sendable, Equatable {
  /// Succeeded outputs.
  package let outputs: Int
  /// Those measured against the baseline.
  package let measured: Int
  /// Measured outputs whose palette or composition verdict is `drifted`.
  package let drifted: Int
  /// Median weighted CIEDE2000 to the baseline's palette (4 decimals); nil when none measured.
  package let medianPaletteDistance: Double?
  /// Median SSIM to the baseline (4 decimals); nil when none measured.
  package let medianSSIM: Double?

  /// The drift of outputs with these measures (one per succeeded output; nil for a record
  /// written before measures).
  package init(measures: [ImageMeasures?]) {
    let compared = measures.compactMap { m -> ImageMeasures? in
      guard let m, m.notMeasured == nil, let b = m.baseline, b.notMeasured == nil, b.ssim != nil || b.paletteDistance != nil else { return nil }
      return m
    }
    outputs = measures.count
    measured = compared.count
    drifted = compared.count { m in [LockVerdict.Lock.palette, .composition].contains { m.verdict($0)?.state == .drifted } }
    medianPaletteDistance = LineageDrift.median(compared.compactMap { $0.baseline?.paletteDistance })
    medianSSIM = LineageDrift.median(compared.compactMap { $0.baseline?.ssim })
  }

  /// The middle value (the mean of the two middle ones for an even count), rounded to 4 decimals.
  static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    let value = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    return MeasureRounding.round(value, 4)
  }

  /// `drift: median dE 4.2, median SSIM 0.81, 1 of 3 drifted`, or `drift: not measured` when no
  /// output was measured against the baseline (records written before measures, a URL baseline).
  package var line: String {
    guard measured > 0 else { return "drift: not measured" }
    var parts: [String] = []
    if let d = medianPaletteDistance { parts.append("median dE \(MeasureRounding.text(d, 1))") }
    if let s = medianSSIM { parts.append("median SSIM \(String(format: "%.2f", MeasureRounding.round(s, 2)))") }
    parts.append("\(drifted) of \(measured) drifted")
    return "drift: " + parts.joined(separator: ", ")
  }

  /// `{"outputs", "measured", "drifted", "median_palette_distance", "median_ssim", "line"}`.
  package var json: JSONValue {
    .object([
      "outputs": .int(Int64(outputs)), "measured": .int(Int64(measured)), "drifted": .int(Int64(drifted)),
      "median_palette_distance": medianPaletteDistance.map { .double($0) } ?? .null, "median_ssim": medianSSIM.map { .double($0) } ?? .null,
      "line": .string(line),
    ])
  }
}
