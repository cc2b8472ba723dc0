/// One image of a response, ready to be written: its destination (extension following the
/// bytes), the bytes with provenance embedded or not, and what was sniffed from them. The file's
/// own sha256 is known once it is written (`TemporaryFile.written(_:beside:tag:)` returns it).
package struct PlannedImage: Sendable {
  /// Where it goes.
  package let path: String
  /// The bytes to write.
  package let file: ImageProvenance.Annotated
  /// Format and size from the header.
  package let info: ImageInfo
  /// True when the extension was changed to match the bytes.
  package let corrected: Bool
  /// Hex sha256 of the bytes as the provider sent them.
  package let providerSHA256: String

  /// The record of this image once written, given the sha256 of what was written.
  package func saved(sha256: String) -> SavedImage {
    SavedImage(
      path: path, sha256: sha256, bytes: file.count, mediaType: info.format.mediaType, width: info.width, height: info.height, extensionCorrected: corrected,
      providerSHA256: providerSHA256, metadata: file.placement)
  }
}
