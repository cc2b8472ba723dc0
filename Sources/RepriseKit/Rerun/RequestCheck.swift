/// Whether a job's rebuilt request matches what the manifest recorded.
package struct RequestCheck: Sendable, Equatable {
  /// The job's index.
  package let index: Int
  /// The job's id.
  package let jobID: String
  /// The hash the manifest recorded.
  package let recordedSHA256: String
  /// The hash of the body rebuilt now.
  package let rebuiltSHA256: String
  /// The rebuilt body (sent by a real rerun).
  package let body: [UInt8]

  /// True when the rebuilt body is byte-identical to the recorded one.
  package var matches: Bool { recordedSHA256 == rebuiltSHA256 }
}
