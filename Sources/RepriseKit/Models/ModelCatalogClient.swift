import Foundation

/// Fetches `GET {base}/models?output_modalities=image` and checks a key with `GET {base}/key`.
package struct ModelCatalogClient: Sendable {
  /// Connection settings.
  package let configuration: OpenRouterConfiguration
  /// Per-request timeout.
  package let timeout: TimeInterval

  /// A client as given.
  package init(configuration: OpenRouterConfiguration, timeout: TimeInterval = 30) {
    self.configuration = configuration
    self.timeout = timeout
  }

  /// Image-capable models, or the error as one line.
  package func imageModels() async -> Result<[ModelListing], OpenRouterError> {
    switch await getJSON("/models?output_modalities=image") {
    case .failure(let error): return .failure(error)
    case .success(let value):
      guard let list = value["data"]?.arrayValue else { return .failure(ModelCatalogClient.shapeError("{\"data\": [...]}", what: "the model list")) }
      return .success(list.compactMap(ModelListing.init).sorted { $0.id < $1.id })
    }
  }

  /// `GET /images/models`: the Image API's models (`data[].id`, `supported_parameters` union).
  package func imageAPIModels() async -> Result<[String], OpenRouterError> {
    switch await getJSON("/images/models") {
    case .failure(let error): return .failure(error)
    case .success(let value):
      guard let list = value["data"]?.arrayValue else { return .failure(ModelCatalogClient.shapeError("{\"data\": [...]}")) }
      return .success(list.compactMap { $0["id"]?.stringValue }.sorted())
    }
  }

  /// `GET /images/models/{author}/{slug}/endpoints`: one Image API model's endpoints.
  package func imageEndpoints(model: String) async -> Result<[ImageEndpointRecord], OpenRouterError> {
    let base = model.split(separator: ":", maxSplits: 1).first.map(String.init) ?? model
    switch await getJSON("/images/models/\(base)/endpoints") {
    case .failure(let error): return .failure(error)
    case .success(let value):
      guard let list = value["endpoints"]?.arrayValue else { return .failure(ModelCatalogClient.shapeError("{\"endpoints\": [...]}")) }
      return .success(list.map(ImageEndpointRecord.init))
    }
  }

  /// A GET answered with JSON, or the error as one line.
  private func getJSON(_ path: String) async -> Result<JSONValue, OpenRouterError> {
    guard let url = configuration.url(path) else {
      return .failure(
        OpenRouterError(
          status: 0, code: "bad_base_url", message: configuration.baseURLProblem ?? "bad base URL", errorType: nil, providerName: nil, raw: nil,
          retryable: false, retryAfterSeconds: nil))
    }
    do {
      let reply = try await HTTPExchange(timeout: timeout).send(method: "GET", url: url, headers: configuration.headers(json: false), body: nil)
      let bytes = [UInt8](reply.body)
      guard (200..<300).contains(reply.status) else {
        if case .failure(let error) = ResponseParser.parse(status: reply.status, body: bytes, transport: .chat) { return .failure(error) }
        return .failure(
          OpenRouterError(
            status: reply.status, code: String(reply.status), message: "HTTP \(reply.status)", errorType: nil, providerName: nil, raw: nil, retryable: false,
            retryAfterSeconds: nil))
      }
      guard let value = try? JSONParser().parse(bytes) else { return .failure(ModelCatalogClient.shapeError("JSON")) }
      return .success(value)
    } catch {
      return .failure(OpenRouterClient.transportError(error))
    }
  }

  /// The error for an answer that is not the documented JSON.
  private static func shapeError(_ expected: String, what: String = "the answer") -> OpenRouterError {
    OpenRouterError(
      status: 200, code: "invalid_response", message: "\(what) is not the expected JSON (\(expected))", errorType: nil, providerName: nil, raw: nil,
      retryable: false, retryAfterSeconds: nil)
  }

  /// `GET /key`'s `data.limit_remaining` (USD of credit limit left; nil: no limit), or the error.
  package func keyLimitRemaining() async -> Result<Double?, OpenRouterError> {
    switch await getJSON("/key") {
    case .failure(let error): return .failure(error)
    case .success(let value): return .success(value["data"]?["limit_remaining"]?.doubleValue)
    }
  }

  /// Whether the key is accepted (`GET /key`): nil when it is, else the error.
  package func checkKey() async -> OpenRouterError? {
    guard let url = configuration.url("/key") else { return nil }
    do {
      let reply = try await HTTPExchange(timeout: timeout).send(method: "GET", url: url, headers: configuration.headers(json: false), body: nil)
      if (200..<300).contains(reply.status) { return nil }
      if case .failure(let error) = ResponseParser.parse(status: reply.status, body: [UInt8](reply.body), transport: .chat) { return error }
      return OpenRouterError(
        status: reply.status, code: String(reply.status), message: "HTTP \(reply.status)", errorType: nil, providerName: nil, raw: nil, retryable: false,
        retryAfterSeconds: nil)
    } catch {
      return OpenRouterClient.transportError(error)
    }
  }
}
