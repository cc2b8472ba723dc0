/// The image formats reprise recognises by their magic bytes.
public enum ImageFormat: String, Sendable, CaseIterable {
  case png, jpeg, webp, gif

  /// The media type, e.g. `image/png`.
  public var mediaType: String { "image/" + rawValue }

  /// The file extension reprise writes for this format.
  public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

  /// The format for a file extension (`png`, `jpg`, `jpeg`, `webp`, `gif`; any case), or nil.
  public init?(fileExtension ext: String) {
    switch ext.lowercased() {
    case "png": self = .png
    case "jpg", "jpeg": self = .jpeg
    case "webp": self = .webp
    case "gif": self = .gif
    default: return nil
    }
  }

  /// The format for a media type (`image/png`, `image/jpg`, …), or nil.
  public init?(mediaType: String) {
    let lower = mediaType.lowercased()
    guard lower.hasPrefix("image/") else { return nil }
    self.init(fileExtension: String(lower.dropFirst("image/".count)))
  }
}
