/// One image found in an OpenRouter response: its decoded bytes, or an http(s) URL to download.
package struct ImagePayload: Sendable, Equatable {
  /// Where the image's bytes are.
  package enum Source: Sendable, Equatable {
    /// The decoded bytes (from a data URL, `b64_json`, inline data or raw base64).
    case bytes(ImageBytes)
    /// An http(s) URL the client downloads.
    case remoteURL(String)
  }

  /// The bytes or the URL.
  package let source: Source
  /// The media type the response declared (data URL prefix, `media_type` or `mime_type`); nil if none.
  /// It may disagree with the bytes: sniff them with `ImageInfo.sniff` before trusting it.
  package let declaredMediaType: String?

  /// An image from `source` with the media type the response declared.
  package init(source: Source, declaredMediaType: String?) {
    self.source = source
    self.declaredMediaType = declaredMediaType
  }

  /// The decoded bytes, or nil for a remote URL.
  package var bytes: ImageBytes? {
    if case .bytes(let bytes) = source { return bytes }
    return nil
  }
}
