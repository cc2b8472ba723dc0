/// Merges a new plan into an existing manifest of the same prefix, or refuses: a manifest is
/// never overwritten silently.
package enum ManifestMerger {
  /// The manifest to write.
  /// - Parameters:
  ///   - plan: this invocation's plan.
  ///   - existing: the manifest already on disk, if any.
  ///   - path: the manifest's path, for messages.
  /// - Throws: `RepriseError` (exit 2) when the existing manifest was edited, has a different
  ///   spec (`ManifestSpec.identity`, naming the first differing field), or plans a different job
  ///   at the same index. A different `--request-id` is not a different spec: it adds a batch.
  package static func merge(_ plan: VariantPlan, into existing: ManifestDocument?, path: String) throws(RepriseError) -> Manifest {
    guard let existing else { return Manifest(spec: plan.spec, batches: [plan.batch], jobs: plan.jobs) }
    guard existing.idMatches else {
      throw .badInput(
        "manifest '\(path)' was edited (its manifest_id no longer matches its contents): refusing to add to it; use another --prefix or --out-dir")
    }
    let old = existing.manifest
    // The decoded manifest re-encodes to the file's members exactly when its id equals the one
    // computed over the file (both hash the canonical body): one pass instead of two encodings.
    if old.manifestID != existing.computedID {
      throw .badInput(
        "manifest '\(path)' has members this reprise does not know (written by a newer reprise?): refusing to rewrite it; use another --prefix or --out-dir")
    }
    if let difference = JSONDifference.first(old.spec.identity, plan.spec.identity, path: "spec") {
      throw .badInput("manifest '\(path)' already exists with a different spec: \(difference); use another --prefix or --out-dir")
    }
    var jobsByIndex: [Int: ManifestJob] = [:]
    for job in old.jobs { jobsByIndex[job.index] = job }
    for job in plan.jobs {
      if let present = jobsByIndex[job.index] {
        // Identity is the request: the same request under an older zero-padding keeps its name.
        if present.requestSHA256 != job.requestSHA256 || present.prompt != job.prompt || present.seed != job.seed {
          throw .badInput(
            "manifest '\(path)' already has a different job at index \(job.index) (\(present.jobID) vs \(job.jobID)); use another --start-index or --prefix")
        }
      } else {
        jobsByIndex[job.index] = job
      }
    }
    var batches = old.batches
    if !old.records(plan.batch) { batches.append(plan.batch) }
    // The stored spec stays as stored (legacy members included), so older manifests keep their id
    // rules and a repeated batch rewrites nothing.
    return Manifest(spec: old.spec, batches: batches, jobs: Array(jobsByIndex.values))
  }
}
