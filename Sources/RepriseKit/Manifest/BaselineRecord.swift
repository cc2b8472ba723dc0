/// The baseline image as the manifest records it: a content digest for local files, the URL for
/// remote ones. Reruns check a local file's sha256 before sending anything.
public struct BaselineRecord: Sendable, Equatable {
  /// Where the baseline lives.
  public enum Location: Sendable, Equatable {
    /// A local file. `path` is relative to the manifest's folder (what rerun reads);
    /// `pathAsGiven` is what the user typed (made relative to the workspace root if it was absolute).
    case file(path: String, pathAsGiven: String)
    /// An http(s) URL that OpenRouter fetches.
    case url(String)
  }

  /// Where the baseline lives.
  public let location: Location
  /// `current_attachment`, `reply_attachment` or `explicit_path_or_url`.
  public let sourceKind: String
  /// Hex sha256 of the file's bytes (files only).
  public let sha256: String?
  /// Size in bytes (files only).
  public let bytes: Int?
  /// Media type from the magic bytes (files only).
  public let mediaType: String?
  /// Pixel width (files only, when the header says).
  public let width: Int?
  /// Pixel height (files only, when the header says).
  public let height: Int?

  /// A record as given.
  public init(location: Location, sourceKind: String, sha256: String?, bytes: Int?, mediaType: String?, width: Int?, height: Int?) {
    self.location = location
    self.sourceKind = sourceKind
    self.sha256 = sha256
    self.bytes = bytes
    self.mediaType = mediaType
    self.width = width
    self.height = height
  }

  /// The path or URL as the user gave it.
  public var source: String {
    switch location {
    case .file(_, let given): return given
    case .url(let url): return url
    }
  }

  /// The manifest form.
  public var json: JSONValue {
    var members: [String: JSONValue] = [
      "source_kind": .string(sourceKind),
      "sha256": .optional(sha256),
      "bytes": .optional(bytes),
      "media_type": .optional(mediaType),
      "width": .optional(width),
      "height": .optional(height),
    ]
    switch location {
    case .file(let path, let given):
      members["kind"] = .string("file")
      members["path"] = .string(path)
      members["path_as_given"] = .string(given)
    case .url(let url):
      members["kind"] = .string("url")
      members["url"] = .string(url)
    }
    return .object(members)
  }

  /// Reads the manifest form.
  public init(reading r: JSONObjectReader) throws(JSONFieldError) {
    let kind = try r.string("kind")
    switch kind {
    case "file":
      let path = try r.string("path")
      guard !path.hasPrefix("/"), !path.isEmpty, !path.contains("\0") else {
        throw JSONFieldError(path: r.path + ".path", expected: "a path relative to the manifest's folder", found: "\"\(path)\"")
      }
      location = .file(path: path, pathAsGiven: try r.string("path_as_given"))
    case "url": location = .url(try r.string("url"))
    default: throw JSONFieldError(path: r.path + ".kind", expected: "\"file\" or \"url\"", found: "\"\(kind)\"")
    }
    sourceKind = try r.string("source_kind")
    sha256 = try r.optionalString("sha256")
    bytes = try r.optionalInt("bytes").map { Int($0) }
    mediaType = try r.optionalString("media_type")
    width = try r.optionalInt("width").map { Int($0) }
    height = try r.optionalInt("height").map { Int($0) }
    if case .file = location, sha256 == nil {
      throw JSONFieldError(path: r.path + ".sha256", expected: "a string for a file baseline", found: "null")
    }
  }
}
