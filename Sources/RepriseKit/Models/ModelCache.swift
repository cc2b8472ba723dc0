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
    /// `GET /images/models` ids; nil in a cache written before discovery (it is then refreshed).
    package var imageModels: [String]? = nil
    /// Image API endpoints fetched, by model id.
    package var endpoints: [String: [ImageEndpointRecord]] = [:]

    /// True while younger than the time to live.
    package func isFresh(now: Date) -> Bool { now.timeIntervalSince1970 - fetchedAt < ModelCache.timeToLive }

    /// What discovery says about `model`, when this entry holds all of it (the Image API list and,
    /// for a model on it, its endpoints); nil when it does not (refresh) or the model is unlisted.
    package func discovered(_ model: String) -> DiscoveredModel? {
      let id = model.split(separator: ":", maxSplits: 1).first.map(String.init) ?? model
      guard let imageModels else { return nil }
      let chat = models.first { $0.id == model || $0.id == id }
      let onImages = imageModels.contains(id)
      if onImages && endpoints[id] == nil { return nil }
      guard chat != nil || onImages else { return nil }
      return DiscoveredModel(
        onChat: chat?.outputModalities.contains("image") ?? false, chatParameters: chat?.supportedParameters ?? [],
        outputModalities: chat?.outputModalities ?? ["image"], imageEndpoints: onImages ? endpoints[id] : nil)
    }
  }

  /// The cached listing, or nil when absent or unreadable.
  package func load() -> Entry? {
    guard let bytes = try? FileSystem.readFile(path, limit: 16 * 1_048_576), let value = try? JSONParser().parse(bytes),
      let base = value["base_url"]?.stringValue, let fetched = value["fetched_at"]?.doubleValue,
      let list = value["models"]?.arrayValue
    else { return nil }
    var entry = Entry(baseURL: base, fetchedAt: fetched, models: list.compactMap(ModelListing.init))
    entry.imageModels = value["image_models"]?.arrayValue?.compactMap(\.stringValue)
    for (id, records) in value["image_endpoints"]?.objectValue ?? [:] { entry.endpoints[id] = records.arrayValue?.map(ImageEndpointRecord.init) ?? [] }
    return entry
  }

  /// Writes a listing atomically.
  package func store(
    _ models: [ModelListing], baseURL: String, now: Date, imageModels: [String]? = nil, endpoints: [String: [ImageEndpointRecord]] = [:]
  ) throws(FileSystem.Failure) {
    try FileSystem.makeDirectories((path as NSString).deletingLastPathComponent)
    var members: [String: JSONValue] = [
      "base_url": .string(baseURL), "fetched_at": .int(Int64(now.timeIntervalSince1970)),
      "models": .array(models.map(\.json)),
    ]
    if let imageModels {
      members["image_models"] = .strings(imageModels)
      members["image_endpoints"] = .object(endpoints.mapValues { .array($0.map(\.json)) })
    }
    let value: JSONValue = .object(members)
    try FileSystem.writeAtomically(JSONWriter.pretty(value), to: path)
  }

  /// Capabilities of every cached model for `baseURL` (built-in knowledge fills option support),
  /// followed by the built-in table; empty cache means the built-in table alone.
  package func capabilityTable(baseURL: String) -> [ModelCapabilities] {
    guard let entry = load(), entry.baseURL == baseURL else { return ModelCapabilities.builtIn }
    return entry.models.filter { $0.outputModalities.contains("image") }.map(\.capabilities) + ModelCapabilities.builtIn
  }
}
