/// An image reprise wrote: where, what, and its digest.
public struct SavedImage: Sendable, Equatable {
  /// The path as written (the requested path, with the extension corrected if the bytes differ).
  public let path: String
  /// Hex sha256 of the bytes written.
  public let sha256: String
  /// Size in bytes.
  public let bytes: Int
  /// Media type from the magic bytes.
  public let mediaType: String
  /// Pixel width, when the header says.
  public let width: Int?
  /// Pixel height, when the header says.
  public let height: Int?
  /// True when the extension was changed to match the bytes.
  public let extensionCorrected: Bool
  /// Hex sha256 of the bytes as the provider sent them (differs from `sha256` when metadata was embedded).
  public let providerSHA256: String
  /// Where the provenance record went.
  public let metadata: ImageProvenance.Placement

  /// The result-record form.
  public var json: JSONValue {
    .object([
      "path": .string(path), "sha256": .string(sha256), "bytes": .int(Int64(bytes)), "media_type": .string(mediaType),
      "width": .optional(width), "height": .optional(height), "extension_corrected": .bool(extensionCorrected),
      "provider_sha256": .string(providerSHA256), "metadata": .string(metadata.rawValue),
      "sidecar": metadata == .sidecar ? .string(ImageProvenance.sidecarPath(for: path)) : .null,
    ])
  }

  /// An image as given.
  public init(
    path: String, sha256: String, bytes: Int, mediaType: String, width: Int?, height: Int?, extensionCorrected: Bool, providerSHA256: String,
    metadata: ImageProvenance.Placement
  ) {
    self.path = path
    self.sha256 = sha256
    self.bytes = bytes
    self.mediaType = mediaType
    self.width = width
    self.height = height
    self.extensionCorrected = extensionCorrected
    self.providerSHA256 = providerSHA256
    self.metadata = metadata
  }

  /// Reads the result-record form; nil when a required member is missing.
  public init?(reading value: JSONValue) {
    guard let path = value["path"]?.stringValue, let sha256 = value["sha256"]?.stringValue else { return nil }
    self.path = path
    self.sha256 = sha256
    bytes = value["bytes"]?.intValue.map { Int($0) } ?? 0
    mediaType = value["media_type"]?.stringValue ?? "application/octet-stream"
    width = value["width"]?.intValue.map { Int($0) }
    height = value["height"]?.intValue.map { Int($0) }
    extensionCorrected = value["extension_corrected"]?.boolValue ?? false
    providerSHA256 = value["provider_sha256"]?.stringValue ?? sha256
    metadata = value["metadata"]?.stringValue.flatMap(ImageProvenance.Placement.init(rawValue:)) ?? .sidecar
  }
}
