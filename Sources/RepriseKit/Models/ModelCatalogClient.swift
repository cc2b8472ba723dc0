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
    guard let url = configuration.url("/models?output_modalities=image") else {
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
      guard let value = try? JSONParser().parse(bytes), let list = value["data"]?.arrayValue else {
        return .failure(
          OpenRouterError(
            status: reply.status, code: "invalid_response", message: "the model list is not the expected JSON ({\"data\": [...]})", errorType: nil,
            providerName: nil, raw: nil, retryable: false, retryAfterSeconds: nil))
      }
      return .success(list.compactMap(ModelListing.init).sorted { $0.id < $1.id })
    } catch {
      return .failure(OpenRouterClient.transportError(error))
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
