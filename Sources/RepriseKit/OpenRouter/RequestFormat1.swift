import Foundation

/// Request format 1: how every manifest written before request formats existed (no
/// `spec.request.format`) was built. Frozen: never change a byte of what it produces, or those
/// manifests stop replaying (`GoldenManifestReplayTests`).
enum RequestFormat1 {
  /// The body as a JSON value.
  static func body(model: String, parameters: RequestParameters, prompt: String, seed: Int64, baselineURL: String?) -> JSONValue {
    switch parameters.transport {
    case .chat:
      var content: [JSONValue] = [.object(["type": .string("text"), "text": .string(prompt)])]
      if let baselineURL {
        content.append(.object(["type": .string("image_url"), "image_url": .object(["url": .string(baselineURL)])]))
      }
      var members: [String: JSONValue] = [
        "model": .string(model),
        "messages": .array([.object(["role": .string("user"), "content": .array(content)])]),
        "modalities": .strings(parameters.modalities),
        "seed": .int(seed),
      ]
      if !parameters.imageConfig.isEmpty { members["image_config"] = .object(parameters.imageConfig.mapValues { .string($0) }) }
      if let maxTokens = parameters.maxTokens { members["max_tokens"] = .int(Int64(maxTokens)) }
      return .object(members)
    case .images:
      var members: [String: JSONValue] = [
        "model": .string(model),
        "prompt": .string(prompt),
        "seed": .int(seed),
      ]
      if let ratio = parameters.aspectRatio { members["aspect_ratio"] = .string(ratio) }
      if let resolution = parameters.resolution { members["resolution"] = .string(resolution) }
      if let baselineURL {
        members["input_references"] = .array([.object(["type": .string("image_url"), "image_url": .object(["url": .string(baselineURL)])])])
      }
      return .object(members)
    }
  }

  /// Resolves what goes into every request of a batch (format 1).
  /// - Parameters:
  ///   - capabilities: what the model takes.
  ///   - choice: `--transport`.
  ///   - aspectRatio: `--aspect-ratio`, if given.
  ///   - imageSize: `--image-size`, if given.
  static func parameters(capabilities: ModelCapabilities, choice: TransportChoice, aspectRatio: String?, imageSize: String?) -> RequestParameters {
    let transport: Transport
    switch choice {
    case .auto: transport = capabilities.imagesAPIOnly || !capabilities.outputsText ? .images : .chat
    case .chat: transport = .chat
    case .images: transport = .images
    }
    let resolution = imageSize.flatMap(ImageOptions.resolution(for:))
    switch transport {
    case .chat:
      var config: [String: String] = [:]
      if let aspectRatio { config["aspect_ratio"] = aspectRatio }
      if let resolution, capabilities.supportsImageSize { config["image_size"] = resolution }
      return RequestParameters(transport: .chat, modalities: capabilities.modalities, imageConfig: config, aspectRatio: nil, resolution: nil, maxTokens: 4096)
    case .images:
      return RequestParameters(transport: .images, modalities: [], imageConfig: [:], aspectRatio: aspectRatio, resolution: resolution, maxTokens: nil)
    }
  }
}
