/// Where a manifest's baseline came from: the job of another manifest whose output has the
/// baseline's sha256.
package struct LineageParent: Sendable, Equatable {
  /// The parent manifest's path, relative to the folder scanned.
  package let manifest: String
  /// The job's index in the parent manifest.
  package let index: Int
  /// The job's id.
  package let jobID: String
  /// The sha256 shared by the job's output and the child's baseline.
  package let sha256: String

  /// A parent as given.
  package init(manifest: String, index: Int, jobID: String, sha256: String) {
    self.manifest = manifest
    self.index = index
    self.jobID = jobID
    self.sha256 = sha256
  }

  /// The `--json` form.
  package var json: JSONValue {
    .object(["manifest": .string(manifest), "index": .int(Int64(index)), "job_id": .string(jobID), "sha256": .string(sha256)])
  }
}
