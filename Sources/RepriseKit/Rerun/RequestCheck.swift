/// Whether a job's rebuilt request matches what the manifest recorded.
public struct RequestCheck: Sendable, Equatable {
  /// The job's index.
  public let index: Int
  /// The job's id.
  public let jobID: String
  /// The hash the manifest recorded.
  public let recordedSHA256: String
  /// The hash of the body rebuilt now.
  public let rebuiltSHA256: String
  /// The rebuilt body (sent by a real rerun).
  public let body: [UInt8]

  /// True when the rebuilt body is byte-identical to the recorded one.
  public var matches: Bool { recordedSHA256 == rebuiltSHA256 }
}
