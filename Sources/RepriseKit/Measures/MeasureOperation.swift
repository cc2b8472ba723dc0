/// `reprise measure IMAGE [--baseline FILE] [--palette HEX,...]`: reads and measures one image.
/// A file that cannot be read, or is broken (malformed or over the decoder's limits), is bad input;
/// a kind the decoder does not take (lossy WebP) is reported as not measured.
public enum MeasureOperation {
  /// Largest file read.
  static let maxBytes = 512 * 1_048_576

  /// Measures `path` (absolute) shown as `shown`, against an optional baseline and reference colours.
  /// With a baseline both locks are checked; with reference colours the brand palette is.
  public static func run(
    path: String, shown: String, baselinePath: String?, baselineShown: String?, palette: [String]?, thresholds: MeasureThresholds
  ) throws(RepriseError) -> MeasureReport {
    let bytes = try read(path, shown: shown)
    var baseline: BaselineFeatures?
    if let baselinePath {
      let baselineBytes = try read(baselinePath, shown: baselineShown ?? baselinePath)
      let decoded = ImageMeasurer.decode(baselineBytes)
      if case .failure(let failure) = decoded, !failure.unsupported { throw .badInput("\(baselineShown ?? baselinePath): \(failure.message)") }
      baseline = BaselineFeatures(sha256: SHA256.hash(baselineBytes, engine: Platform.sha256Engine).hexString, result: decoded)
    }
    let measures: ImageMeasures
    switch ImageMeasurer.decode(bytes) {
    case .failure(let failure):
      guard failure.unsupported else { throw .badInput("\(shown): \(failure.message)") }
      measures = ImageMeasures(notMeasured: failure.message)
    case .success(let features):
      let locks = PlannedLocks(palette: baseline != nil, composition: baseline != nil)
      measures = ImageMeasurer.measure(features, baseline: baseline, palette: palette, locks: locks, thresholds: thresholds)
    }
    let sha256 = SHA256.hash(bytes, engine: Platform.sha256Engine).hexString
    return MeasureReport(file: shown, sha256: sha256, bytes: bytes.count, baselineFile: baselineShown, measures: measures)
  }

  private static func read(_ path: String, shown: String) throws(RepriseError) -> [UInt8] {
    do { return try FileSystem.readFile(path, limit: maxBytes) } catch { throw .badInput("image '\(shown)' cannot be read: \(error.reason)") }
  }
}
