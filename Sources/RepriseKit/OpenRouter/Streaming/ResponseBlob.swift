/// One base64 image payload `LargeStringExtractor` decoded out of a response body while streaming
/// it. The reduced JSON holds `placeholder` where the string was.
package struct ResponseBlob: Sendable, Equatable {
  /// The string that stands for the payload in the reduced JSON: the original string's first
  /// characters (so error snippets read the same), then NUL and `reprise-blob:<n>`.
  package let placeholder: String
  /// The decoded bytes (in an unlinked temporary file).
  package let image: ImageBytes
  /// The string was a `data:` URL (an image one); false for raw base64.
  package let isDataURL: Bool
  /// The media type a data URL names; nil for raw base64.
  package let mediaType: String?

  /// A blob as given.
  package init(placeholder: String, image: ImageBytes, isDataURL: Bool, mediaType: String?) {
    self.placeholder = placeholder
    self.image = image
    self.isDataURL = isDataURL
    self.mediaType = mediaType
  }

  /// The text between the original characters and the index in a placeholder.
  static let marker = "\u{0}reprise-blob:"

  /// The image this payload is where `ImageDecoder` expects one; a data URL's own media type wins
  /// over the declared one, as when the string is decoded.
  func image(declaredMediaType: String?) -> ImagePayload {
    ImagePayload(source: .bytes(image), declaredMediaType: isDataURL ? (mediaType ?? declaredMediaType) : declaredMediaType)
  }
}
