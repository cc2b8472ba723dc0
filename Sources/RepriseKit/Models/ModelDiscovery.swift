import Foundation

/// Finds what a model takes before a batch is planned: from the `reprise models` cache when it
/// holds a fresh entry for the model (this base URL, younger than its time to live), else from
/// OpenRouter's public discovery endpoints (`GET /models?output_modalities=image`,
/// `GET /images/models`, `GET /images/models/{author}/{slug}/endpoints`), cached. When discovery
/// cannot answer (offline, unreachable base URL, `REPRISE_MODEL_DISCOVERY=off`) it says why in
/// one line and the planner falls back to the built-in table.
package enum ModelDiscovery {
  /// Seconds each discovery request may take: short, so an unreachable base URL never holds up a
  /// plan (a refused connection fails at once).
  package static let timeout: TimeInterval = 4

  /// What discovery found for one model.
  package struct Outcome: Sendable {
    /// The model's record, or nil (fall back to the built-in table).
    package let discovered: DiscoveredModel?
    /// Why there is no record, one line; nil when there is one.
    package let fallbackReason: String?
    /// A remark on a record that is older than the time to live, or nil.
    package var note: String? = nil
  }

  /// Discovery for `model`.
  /// - Parameter refresh: fetch even when the cache is fresh.
  package static func discover(model: String, environment: [String: String], refresh: Bool = false, now: Date = Date()) async -> Outcome {
    let configuration = OpenRouterConfiguration(environment: environment)
    let cache = ModelCache(environment: environment)
    let cached = cache.load().flatMap { $0.baseURL == configuration.baseURL ? $0 : nil }
    if !refresh, let cached, cached.isFresh(now: now), let record = cached.discovered(model) {
      return Outcome(discovered: record, fallbackReason: nil)
    }
    if environment["REPRISE_MODEL_DISCOVERY"] == "off" {
      return Outcome(discovered: nil, fallbackReason: "model discovery is off (REPRISE_MODEL_DISCOVERY=off) and the cache has no fresh entry for \(model)")
    }
    if let problem = configuration.baseURLProblem { return Outcome(discovered: nil, fallbackReason: problem) }
    // A fresh listing that only lacks this Image API model's endpoints: fetch just those.
    let id = model.split(separator: ":", maxSplits: 1).first.map(String.init) ?? model
    if !refresh, var entry = cached, entry.isFresh(now: now), entry.imageModels?.contains(id) == true,
      case .success(let records) = await ModelCatalogClient(configuration: configuration, timeout: timeout).imageEndpoints(model: id)
    {
      entry.endpoints[id] = records
      try? cache.store(
        entry.models, baseURL: entry.baseURL, now: Date(timeIntervalSince1970: entry.fetchedAt), imageModels: entry.imageModels, endpoints: entry.endpoints)
      if let record = entry.discovered(model) { return Outcome(discovered: record, fallbackReason: nil) }
    }
    switch await fetch(configuration: configuration, models: [model]) {
    case .failure(let error):
      let reason = "model discovery at \(configuration.baseURL) failed (\(error.description))"
      // An older cache entry still beats the built-in table.
      if let cached, let record = cached.discovered(model) {
        let hours = Int((now.timeIntervalSince1970 - cached.fetchedAt) / 3600)
        return Outcome(discovered: record, fallbackReason: nil, note: "\(reason): using the cached entry of \(model) from \(hours) h ago")
      }
      return Outcome(discovered: nil, fallbackReason: reason)
    case .success(let entry):
      try? cache.store(entry.models, baseURL: configuration.baseURL, now: now, imageModels: entry.imageModels, endpoints: entry.endpoints)
      guard let record = entry.discovered(model) else {
        return Outcome(discovered: nil, fallbackReason: "OpenRouter's discovery does not list \(model) as an image model")
      }
      return Outcome(discovered: record, fallbackReason: nil)
    }
  }

  /// The cache's answer alone (no network): for callers that cannot wait (the MCP server).
  package static func cached(model: String, environment: [String: String], now: Date = Date()) -> Outcome {
    let configuration = OpenRouterConfiguration(environment: environment)
    if let entry = ModelCache(environment: environment).load(), entry.baseURL == configuration.baseURL, entry.isFresh(now: now),
      let record = entry.discovered(model)
    {
      return Outcome(discovered: record, fallbackReason: nil)
    }
    return Outcome(discovered: nil, fallbackReason: "the model cache has no fresh entry for \(model) (run reprise models)")
  }

  /// Fetches the two model lists and the Image API endpoints of `models` (those on it; nil: all).
  package static func fetch(
    configuration: OpenRouterConfiguration, models: [String]?, timeout: TimeInterval = ModelDiscovery.timeout, now: Date = Date()
  ) async -> Result<ModelCache.Entry, OpenRouterError> {
    let client = ModelCatalogClient(configuration: configuration, timeout: timeout)
    let chat: [ModelListing]
    switch await client.imageModels() {
    case .failure(let error): return .failure(error)
    case .success(let list): chat = list
    }
    let images: [String]
    switch await client.imageAPIModels() {
    case .failure(let error): return .failure(error)
    case .success(let list): images = list
    }
    var entry = ModelCache.Entry(baseURL: configuration.baseURL, fetchedAt: now.timeIntervalSince1970, models: chat, imageModels: images)
    for model in models ?? images {
      let id = model.split(separator: ":", maxSplits: 1).first.map(String.init) ?? model
      guard images.contains(id) else { continue }
      switch await client.imageEndpoints(model: id) {
      case .failure(let error): return .failure(error)
      case .success(let records): entry.endpoints[id] = records
      }
    }
    return .success(entry)
  }
}
