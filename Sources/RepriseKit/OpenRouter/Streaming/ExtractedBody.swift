/// A response body after `LargeStringExtractor`: the JSON text with large base64 image strings
/// replaced by placeholders, and the decoded payloads.
package struct ExtractedBody: Sendable, Equatable {
  /// The body with each extracted string's content replaced by its placeholder; byte-identical to
  /// the body when nothing was extracted.
  package let reduced: [UInt8]
  /// The decoded payloads.
  package let blobs: ResponseBlobs

  /// A result as given.
  package init(reduced: [UInt8], blobs: ResponseBlobs) {
    self.reduced = reduced
    self.blobs = blobs
  }
}
