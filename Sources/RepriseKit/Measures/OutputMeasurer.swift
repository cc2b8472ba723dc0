import Dispatch
import Foundation

/// What the drain calls once a job's output is stored: measures of the output file against the
/// job's local baseline (decoded once per worker, by sha256) with the job's planned locks. Never
/// fails a job: a file that does not decode is recorded as `not_measured` with the reason.
package struct OutputMeasurer: Sendable {
  /// Verdict thresholds.
  package let thresholds: MeasureThresholds
  /// The worker's decoded baselines.
  package let baselines: BaselineFeatureCache

  /// A measurer with the given thresholds.
  package init(thresholds: MeasureThresholds = .standard, baselines: BaselineFeatureCache = BaselineFeatureCache()) {
    self.thresholds = thresholds
    self.baselines = baselines
  }

  /// Largest output read for measuring (bigger ones are recorded as not measured).
  static let maxBytes = 256 * 1_048_576

  /// The measures of `job`'s output at `path`, held to reference colours when given (a brand palette).
  package func measure(outputAt path: String, job: QueuedJob, palette: [String]? = nil) -> ImageMeasures {
    guard let bytes = try? FileSystem.readFile(path, limit: OutputMeasurer.maxBytes) else { return ImageMeasures(notMeasured: "output cannot be read") }
    return measure(bytes: bytes, job: job, palette: palette)
  }

  /// Outputs whose file, or whose pixels as RGBA (from the header, `ImageInfo`), exceed this many
  /// bytes are measured one at a time in the process: a drain of large images holds one file
  /// (and, for the formats decoded whole, one decoded image) at a time, not one per core.
  static let largeBytes = 8 * 1_048_576
  private static let largeGate = DispatchSemaphore(value: 1)

  /// The measures of `job`'s output file as it is being written (the bytes `file` streams).
  package func measure(file: ImageProvenance.Annotated, job: QueuedJob, palette: [String]? = nil) -> ImageMeasures {
    guard file.count <= OutputMeasurer.maxBytes else { return ImageMeasures(notMeasured: "output cannot be read") }
    var gated = file.count > OutputMeasurer.largeBytes / 4
    if gated { OutputMeasurer.largeGate.wait() }
    defer { if gated { OutputMeasurer.largeGate.signal() } }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(file.count)
    guard (try? file.stream({ bytes.append(contentsOf: $0) })) != nil else { return ImageMeasures(notMeasured: "output cannot be read") }
    if !gated, let info = ImageInfo.sniff(bytes), let width = info.width, let height = info.height, width * height * 4 > OutputMeasurer.largeBytes {
      gated = true
      OutputMeasurer.largeGate.wait()
    }
    return measure(bytes: bytes, job: job, palette: palette)
  }

  /// The measures of `job`'s output bytes.
  func measure(bytes: [UInt8], job: QueuedJob, palette: [String]?) -> ImageMeasures {
    var baseline: BaselineFeatures?
    if case .file(let baselinePath, let sha, _)? = job.baseline { baseline = baselines.features(path: baselinePath, sha256: sha) }
    return ImageMeasurer.measure(bytes: bytes, baseline: baseline, palette: palette, locks: PlannedLocks(diagnostics: job.diagnostics), thresholds: thresholds)
  }
}
