/// `spec.parent` of a batch made by `reprise iterate`: the job whose output became the baseline.
/// `sha256` is that output's digest as its result record holds it (and so the baseline's).
public struct IterationParent: Sendable, Equatable {
  /// The parent manifest's `manifest_id` when the iteration was made.
  public let manifestID: String
  /// The parent job's id.
  public let jobID: String
  /// The parent job's index.
  public let index: Int
  /// Hex sha256 of the parent job's output (the child's baseline).
  public let sha256: String

  /// A parent as given.
  public init(manifestID: String, jobID: String, index: Int, sha256: String) {
    self.manifestID = manifestID
    self.jobID = jobID
    self.index = index
    self.sha256 = sha256
  }

  /// The manifest form.
  public var json: JSONValue {
    .object(["manifest_id": .string(manifestID), "job_id": .string(jobID), "index": .int(Int64(index)), "sha256": .string(sha256)])
  }

  /// Reads the manifest form.
  public init(reading r: JSONObjectReader) throws(JSONFieldError) {
    manifestID = try r.string("manifest_id")
    jobID = try r.string("job_id")
    index = Int(try r.int("index"))
    sha256 = try r.string("sha256")
    guard sha256.count == 64, sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
      throw JSONFieldError(path: r.path + ".sha256", expected: "64 lower-case hex digits", found: "\"\(sha256)\"")
    }
  }
}
