/// One chosen variant in a `<prefix>-picks.json`: the job it names and the designer's note.
package struct PickRecord: Sendable, Equatable {
  /// The job's index in the manifest.
  package let index: Int
  /// The job's id when it was picked.
  package let jobID: String
  /// The job's output file name, relative to the manifest's folder.
  package let out: String
  /// The job's `request_sha256` when it was picked: what ties the pick to that exact request.
  package let requestSHA256: String
  /// The note given with `--note`, if any.
  package let note: String?

  /// A pick as given.
  package init(index: Int, jobID: String, out: String, requestSHA256: String, note: String?) {
    self.index = index
    self.jobID = jobID
    self.out = out
    self.requestSHA256 = requestSHA256
    self.note = note
  }

  /// The pick of `job`, with `note`.
  package init(job: ManifestJob, note: String?) {
    self.init(index: job.index, jobID: job.jobID, out: job.out, requestSHA256: job.requestSHA256, note: note)
  }

  /// Reads the file form.
  package init(reading r: JSONObjectReader) throws(JSONFieldError) {
    index = Int(try r.int("index"))
    jobID = try r.string("job_id")
    out = try r.string("out")
    requestSHA256 = try r.string("request_sha256")
    note = try r.optionalString("note")
  }

  /// The file form.
  package var json: JSONValue {
    .object([
      "index": .int(Int64(index)), "job_id": .string(jobID), "out": .string(out), "request_sha256": .string(requestSHA256),
      "note": .optional(note),
    ])
  }

  /// True when `job` is the job this pick was made of (same id and request).
  package func names(_ job: ManifestJob) -> Bool {
    job.index == index && job.jobID == jobID && job.requestSHA256 == requestSHA256
  }
}
