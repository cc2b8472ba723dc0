/// A file in `processing/`: `<job_id>@<worker_id>.json`.
package struct ProcessingEntry: Sendable, Equatable {
  /// The job id.
  package let jobID: String
  /// The worker that claimed it.
  package let workerID: String
  /// The file name.
  package let fileName: String

  /// Parses a processing file name; nil for anything else.
  package init?(fileName: String) {
    guard fileName.hasSuffix(".json"), !fileName.hasSuffix(".staged.json") else { return nil }
    let stem = fileName.dropLast(5)
    guard let at = stem.lastIndex(of: "@") else { return nil }
    jobID = String(stem[..<at])
    workerID = String(stem[stem.index(after: at)...])
    self.fileName = fileName
    guard !jobID.isEmpty, !workerID.isEmpty else { return nil }
  }

  /// The staged-result file written just before outputs are put in place.
  package var stagedFileName: String { "\(jobID)@\(workerID).staged.json" }
}
