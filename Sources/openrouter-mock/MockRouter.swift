import Foundation

/// Routes each request under `/api/v1`, checks the bearer key, and writes the request log line.
struct MockRouter: Sendable {
  let services: MockServices
  static let prefix = "/api/v1"

  func respond(to request: HTTPRequest) -> HTTPResponse {
    let response = route(request, started: Date())
    services.logger?.log(request, status: response.status)
    return response
  }

  private func route(_ request: HTTPRequest, started: Date) -> HTTPResponse {
    var path = request.path
    if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    if path.hasPrefix("/files/") { return file(named: String(path.dropFirst("/files/".count)), request: request) }
    guard path.hasPrefix(MockRouter.prefix) else { return OpenRouterErrors.notFound() }
    let route = String(path.dropFirst(MockRouter.prefix.count))

    if let replay = services.replay, request.method == "POST", route == "/chat/completions" || route == "/images" {
      return replay.next()
    }
    switch route {
    case "/chat/completions":
      guard request.method == "POST" else { return OpenRouterErrors.methodNotAllowed(allowed: "POST") }
      if let refusal = authorize(request) { return refusal }
      return ChatCompletionsEndpoint(services: services).handle(request, started: started)
    case "/images":
      guard request.method == "POST" else { return OpenRouterErrors.methodNotAllowed(allowed: "POST") }
      if let refusal = authorize(request) { return refusal }
      return ImagesEndpoint(services: services).handle(request, started: started)
    case "/images/generations", "/images/edits":
      guard services.configuration.aliasImagesGenerations else { return OpenRouterErrors.notFound() }
      guard request.method == "POST" else { return OpenRouterErrors.methodNotAllowed(allowed: "POST") }
      if let refusal = authorize(request) { return refusal }
      return ImagesEndpoint(services: services).handle(request, started: started)
    case "/models":
      guard request.method == "GET" else { return OpenRouterErrors.methodNotAllowed(allowed: "GET") }
      let models = ModelCatalog.listing(outputModalities: request.queryParameters["output_modalities"])
      return .json(200, ["data": .array(models.map(\.listing))])
    case "/images/models":
      guard request.method == "GET" else { return OpenRouterErrors.methodNotAllowed(allowed: "GET") }
      return .json(200, ImageAPICatalog.models)
    case _ where route.hasPrefix("/images/models/") && route.hasSuffix("/endpoints"):
      guard request.method == "GET" else { return OpenRouterErrors.methodNotAllowed(allowed: "GET") }
      guard let answer = ImageAPICatalog.endpoints(route: route) else { return .json(404, ["error": ["code": 404, "message": "Resource not found"]]) }
      return .json(200, answer)
    case "/generation":
      guard request.method == "GET" else { return OpenRouterErrors.methodNotAllowed(allowed: "GET") }
      if let refusal = authorize(request) { return refusal }
      guard let id = request.queryParameters["id"], let record = services.registry.record(id: id) else {
        return .json(404, ["error": ["code": 404, "message": "Generation not found"]])
      }
      return .json(200, record.json)
    case "/key":
      guard request.method == "GET" else { return OpenRouterErrors.methodNotAllowed(allowed: "GET") }
      if let refusal = authorize(request) { return refusal }
      guard let remaining = services.configuration.keyLimitRemaining else {
        return .json(200, ["data": ["label": "mock", "limit": nil, "limit_remaining": nil, "limit_reset": nil, "usage": 0, "is_free_tier": false]])
      }
      return .json(
        200, ["data": ["label": "mock", "limit": .double(remaining + 1), "limit_remaining": .double(remaining), "limit_reset": "monthly", "usage": 1]])
    default:
      if route.hasPrefix("/files/") { return file(named: String(route.dropFirst("/files/".count)), request: request) }
      return OpenRouterErrors.notFound()
    }
  }

  /// nil when the request may go on; otherwise the 401 to send.
  private func authorize(_ request: HTTPRequest) -> HTTPResponse? {
    guard let header = request.header("authorization") else { return OpenRouterErrors.noCredentials() }
    let parts = header.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else { return OpenRouterErrors.noCredentials() }
    let key = parts[1].trimmingCharacters(in: .whitespaces)
    if key.isEmpty { return OpenRouterErrors.noCredentials() }
    if let required = services.configuration.requiredKey, key != required { return OpenRouterErrors.userNotFound() }
    return nil
  }

  private func file(named name: String, request: HTTPRequest) -> HTTPResponse {
    guard request.method == "GET" else { return OpenRouterErrors.methodNotAllowed(allowed: "GET") }
    guard let bytes = services.registry.file(name: name) else { return OpenRouterErrors.notFound() }
    let type = bytes.starts(with: [0xFF, 0xD8, 0xFF]) ? "image/jpeg" : "image/png"
    return HTTPResponse(status: 200, headers: [("Content-Type", type)], body: bytes)
  }
}
