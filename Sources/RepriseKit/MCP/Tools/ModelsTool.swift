import Foundation

/// `models`: OpenRouter's image models with their prices, from the cache when fresh.
package enum ModelsTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "models", title: "List image models",
    description: "List OpenRouter's models that output images, with their image prices, from the local cache when it is fresh "
      + "(else fetched and cached). Read-only.",
    parameters: [MCPParameter("refresh", .boolean, "Fetch again even when the cache is fresh.")],
    outputSchema: MCPTool.objectSchema(
      ["source": MCPTool.type("string"), "models": .object(["type": .string("array"), "items": MCPTool.type("object")])], required: ["source", "models"]),
    annotations: MCPToolAnnotations(readOnly: true, idempotent: true, openWorld: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let configuration = OpenRouterConfiguration(environment: context.environment)
        if let problem = configuration.baseURLProblem { throw RepriseError.usage(problem) }
        let cache = ModelCache(environment: context.environment)
        let now = Date()
        var models: [ModelListing]
        var source = "cache"
        if !arguments.flag("refresh"), let entry = cache.load(), entry.baseURL == configuration.baseURL, entry.isFresh(now: now) {
          models = entry.models
        } else {
          switch await ModelCatalogClient(configuration: configuration).imageModels() {
          case .failure(let error): throw RepriseError(.failure, "cannot list models from \(configuration.baseURL): \(error.description)")
          case .success(let list): models = list
          }
          source = "fetched"
          try? cache.store(models, baseURL: configuration.baseURL, now: now)
        }
        models = models.filter { $0.outputModalities.contains("image") }
        return .success(.object(["source": .string(source), "models": .array(models.map(\.json))]), summary: "\(models.count) image models (\(source))")
      }
    })
}
