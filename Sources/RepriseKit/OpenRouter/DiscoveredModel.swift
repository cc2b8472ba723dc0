/// What OpenRouter's discovery endpoints say about one model: whether chat completions serve it
/// (`GET /models?output_modalities=image`) with which `supported_parameters`, and its Image API
/// endpoints (`GET /images/models/{author}/{slug}/endpoints`), each with typed parameters.
package struct DiscoveredModel: Sendable, Equatable {
  /// True when `GET /models?output_modalities=image` lists the model (chat completions serve it).
  package let onChat: Bool
  /// The chat listing's `supported_parameters` (e.g. `seed`, `max_tokens`).
  package let chatParameters: [String]
  /// The chat listing's `architecture.output_modalities` (or the Image API listing's).
  package let outputModalities: [String]
  /// The Image API endpoints; nil when `GET /images/models` does not list the model.
  package let imageEndpoints: [ImageEndpointRecord]?

  /// A record as given.
  package init(onChat: Bool, chatParameters: [String], outputModalities: [String], imageEndpoints: [ImageEndpointRecord]?) {
    self.onChat = onChat
    self.chatParameters = chatParameters
    self.outputModalities = outputModalities
    self.imageEndpoints = imageEndpoints
  }

  /// True when the Image API serves the model.
  package var onImagesAPI: Bool { imageEndpoints != nil }

  /// The endpoints `--provider` allows (all of them without a pin).
  package func endpoints(pinned providers: [String]) -> [ImageEndpointRecord] {
    let all = imageEndpoints ?? []
    guard !providers.isEmpty else { return all }
    return all.filter { endpoint in providers.contains { endpoint.matches($0) } }
  }

  /// The parameters the allowed endpoints take: per field, the union of what each accepts.
  package func imageParameters(pinned providers: [String]) -> [String: ParameterDescriptor] {
    var result: [String: ParameterDescriptor] = [:]
    for endpoint in endpoints(pinned: providers) {
      for (key, descriptor) in endpoint.supportedParameters { result[key] = result[key].map { $0.union(descriptor) } ?? descriptor }
    }
    return result
  }
}
