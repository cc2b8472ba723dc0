/// The baseline image as the manifest records it: a content digest for local files, the URL for
/// remote ones. Reruns check a local file's sha256 before sending anything.
public struct BaselineRecord: Sendable, Equatable {
  /// Where the baseline lives.
  public enum Location: Sendable, Equatable {
    /// A local file. `path` is relative to the manifest's folder (what rerun reads): the file's
    /// identity, whatever spelling (`./base.png`, `base.png`, absolute) named it.
    /// `legacyPathAsGiven` is the `path_as_given` a manifest written by an earlier version stored
    /// (the spelling typed), kept so it is rewritten byte for byte; nil in records this version
    /// makes, as the spelling is not part of the spec.
    case file(path: String, legacyPathAsGiven: String?)
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

  /// The path (relative to the manifest's folder) or the URL.
  public var source: String {
    switch location {
    case .file(let path, _): return path
    case .url(let url): return url
    }
  }

  /// The manifest form (a legacy `path_as_given` included as stored).
  public var json: JSONValue {
    guard case .file(_, let given?) = location, case .object(var members) = content else { return content }
    members["path_as_given"] = .string(given)
    return .object(members)
  }

  /// The members that identify the baseline: what a spec's identity and derived seed base hash.
  var content: JSONValue {
    var members: [String: JSONValue] = [
      "source_kind": .string(sourceKind),
      "sha256": .optional(sha256),
      "bytes": .optional(bytes),
      "media_type": .optional(mediaType),
      "width": .optional(width),
      "height": .optional(height),
    ]
    switch location {
    case .file(let path, _):
      members["kind"] = .string("file")
      members["path"] = .string(path)
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
      location = .file(path: path, legacyPathAsGiven: r.members["path_as_given"] == nil ? nil : try r.string("path_as_given"))
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
