/// A response body after `LargeStringExtractor`: the JSON text with large base64 image strings
/// replaced by placeholders, and the decoded payloads.
public struct ExtractedBody: Sendable, Equatable {
  /// The body with each extracted string's content replaced by its placeholder; byte-identical to
  /// the body when nothing was extracted.
  public let reduced: [UInt8]
  /// The decoded payloads.
  public let blobs: ResponseBlobs

  /// A result as given.
  public init(reduced: [UInt8], blobs: ResponseBlobs) {
    self.reduced = reduced
    self.blobs = blobs
  }
}
