import Foundation

/// The `reprise models` cache: a small JSON file holding the last listing, its base URL and when
/// it was fetched. Planning uses it (when present) to pick `modalities` and the transport.
package struct ModelCache: Sendable {
  /// How long a listing is fresh, in seconds (24 hours).
  package static let timeToLive: TimeInterval = 86_400

  /// The cache file's path.
  package let path: String

  /// The cache at `REPRISE_CACHE_DIR`, `XDG_CACHE_HOME/reprise` or `~/.cache/reprise`.
  package init(environment: [String: String]) {
    let folder: String
    if let dir = environment["REPRISE_CACHE_DIR"], !dir.isEmpty {
      folder = dir
    } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
      folder = xdg + "/reprise"
    } else {
      folder = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/reprise"
    }
    path = folder + "/models.json"
  }

  /// A cache at an explicit path.
  package init(path: String) { self.path = path }

  /// A cached listing.
  package struct Entry: Sendable {
    /// The base URL it came from.
    package let baseURL: String
    /// Seconds since 1970 when it was fetched.
    package let fetchedAt: Double
    /// The models.
    package let models: [ModelListing]

    /// True while younger than the time to live.
    package func isFresh(now: Date) -> Bool { now.timeIntervalSince1970 - fetchedAt < ModelCache.timeToLive }
  }

  /// The cached listing, or nil when absent or unreadable.
  package func load() -> Entry? {
    guard let bytes = try? FileSystem.readFile(path, limit: 16 * 1_048_576), let value = try? JSONParser().parse(bytes),
      let base = value["base_url"]?.stringValue, let fetched = value["fetched_at"]?.doubleValue,
      let list = value["models"]?.arrayValue
    else { return nil }
    return Entry(baseURL: base, fetchedAt: fetched, models: list.compactMap(ModelListing.init))
  }

  /// Writes a listing atomically.
  package func store(_ models: [ModelListing], baseURL: String, now: Date) throws(FileSystem.Failure) {
    try FileSystem.makeDirectories((path as NSString).deletingLastPathComponent)
    let value: JSONValue = .object([
      "base_url": .string(baseURL), "fetched_at": .int(Int64(now.timeIntervalSince1970)),
      "models": .array(models.map(\.json)),
    ])
    try FileSystem.writeAtomically(JSONWriter.pretty(value), to: path)
  }

  /// Capabilities of every cached model for `baseURL` (built-in knowledge fills option support),
  /// followed by the built-in table; empty cache means the built-in table alone.
  package func capabilityTable(baseURL: String) -> [ModelCapabilities] {
    guard let entry = load(), entry.baseURL == baseURL else { return ModelCapabilities.builtIn }
    return entry.models.filter { $0.outputModalities.contains("image") }.map(\.capabilities) + ModelCapabilities.builtIn
  }
}
