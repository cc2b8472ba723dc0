import Foundation

extension QueuedJob {
  /// The queue job for a manifest job.
  /// - Parameters:
  ///   - manifest: the manifest.
  ///   - job: one of its jobs.
  ///   - manifestFolder: the manifest's folder, absolute (a local baseline is found relative to it).
  ///   - outRoot: the folder outputs go to, absolute.
  ///   - jobID: the queue job id (the manifest job id, or a rerun's own id).
  ///   - requestID: the request id the job is queued under (its acknowledgement prints it; a label,
  ///     not part of the manifest's spec).
  ///   - clarifyHints: hints computed for the prompt.
  ///   - origin: `variants` or `rerun`.
  package static func from(
    manifest: Manifest, job: ManifestJob, manifestFolder: String, outRoot: String, jobID: String? = nil, requestID: String?, clarifyHints: [String],
    origin: String
  ) -> QueuedJob {
    let spec = manifest.spec
    var baseline: BaselineSource?
    switch spec.baseline?.location {
    case .file(let path, _)?:
      baseline = .file(
        path: PathMath.absolute(path, base: manifestFolder), sha256: spec.baseline?.sha256 ?? "", mediaType: spec.baseline?.mediaType ?? "image/png")
    case .url(let url)?: baseline = .url(url)
    case nil: baseline = nil
    }
    let rails = RailSettings(strength: spec.variationStrength, lockPalette: spec.lockPalette, lockComposition: spec.lockComposition, hasBaseline: false)
    var diagnostics = Diagnostics.fields(editIntent: spec.editIntent, baseline: spec.baseline, rails: rails)
    diagnostics["rails_applied"] = .strings(spec.railsApplied)
    diagnostics["clarify_hints"] = .strings(clarifyHints)
    if let palette = spec.palette { diagnostics[QueuedJob.brandPaletteKey] = .strings(palette) }
    let target = manifest.requestTarget(of: job)
    return QueuedJob(
      jobID: jobID ?? job.jobID, requestID: requestID, manifestID: manifest.manifestID, index: job.index, model: target.model,
      request: target.request, prompt: job.prompt, seed: job.seed, baseline: baseline, requestSHA256: job.requestSHA256,
      outRoot: outRoot, out: job.out, overwrite: false, diagnostics: diagnostics, origin: origin)
  }
}
