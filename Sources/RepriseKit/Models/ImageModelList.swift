import Foundation

/// The image-capable models, from the cache when it is fresh for this base URL (24 hours) or
/// fetched (`GET /models?output_modalities=image`) and cached: what `reprise models` and the MCP
/// `models` tool report.
package struct ImageModelList: Sendable {
  /// Models whose outputs include images.
  package let models: [ModelListing]
  /// Ids `GET /images/models` lists (served by the Image API).
  package let imageAPIModels: [String]
  /// `cache` or `fetched`.
  package let source: String
  /// The cache file.
  package let cachePath: String
  /// Why the cache could not be written after a fetch, if it could not.
  package let cacheWarning: String?

  /// Loads the list. - Throws: `RepriseError` usage for a bad base URL, failure when fetching fails.
  package static func load(environment: [String: String], refresh: Bool, now: Date = Date()) async throws(RepriseError) -> ImageModelList {
    let configuration = OpenRouterConfiguration(environment: environment)
    if let problem = configuration.baseURLProblem { throw .usage(problem) }
    let cache = ModelCache(environment: environment)
    var models: [ModelListing]
    var imageAPI: [String]
    var source = "cache"
    var warning: String?
    if !refresh, let entry = cache.load(), entry.baseURL == configuration.baseURL, entry.isFresh(now: now), let listed = entry.imageModels {
      models = entry.models
      imageAPI = listed
    } else {
      switch await ModelDiscovery.fetch(configuration: configuration, models: nil, timeout: 30, now: now) {
      case .failure(let error): throw RepriseError(.failure, "cannot list models from \(configuration.baseURL): \(error.description)")
      case .success(let entry):
        models = entry.models
        imageAPI = entry.imageModels ?? []
        do { try cache.store(models, baseURL: configuration.baseURL, now: now, imageModels: imageAPI, endpoints: entry.endpoints) } catch {
          warning = "cannot write the model cache '\(cache.path)': \(error.reason)"
        }
      }
      source = "fetched"
    }
    return ImageModelList(
      models: models.filter { $0.outputModalities.contains("image") }, imageAPIModels: imageAPI, source: source, cachePath: cache.path, cacheWarning: warning)
  }

  /// The `--json` / tool form: `{source, models, image_api_models}`.
  package var json: JSONValue {
    .object(["source": .string(source), "models": .array(models.map(\.json)), "image_api_models": .strings(imageAPIModels)])
  }
}
