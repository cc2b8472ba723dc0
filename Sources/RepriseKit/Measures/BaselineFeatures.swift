/// A baseline as measures compare with it: its sha256 and its features, or why it was not measured.
public struct BaselineFeatures: Sendable {
  /// The baseline file's sha256.
  public let sha256: String?
  /// Its features, or the decoder's reason.
  public let result: Result<ImageFeatures, MeasureFailure>

  /// A baseline as given.
  public init(sha256: String?, result: Result<ImageFeatures, MeasureFailure>) {
    self.sha256 = sha256
    self.result = result
  }
}
