import Foundation

/// Builds the exact HTTP body reprise sends for a job. Pure: the same inputs always give the same
/// bytes (RFC 8785 canonical JSON), which is what `request_sha256` hashes and rerun checks.
package enum RequestBuilder {
  /// The body as a JSON value.
  /// - Parameters:
  ///   - model: the model id.
  ///   - parameters: resolved transport, modalities and image options.
  ///   - prompt: the job's final prompt.
  ///   - seed: the job's seed.
  ///   - baselineURL: a `data:` URL for a local baseline, the http(s) URL for a remote one, or nil.
  package static func body(model: String, parameters: RequestParameters, prompt: String, seed: Int64, baselineURL: String?) -> JSONValue {
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

  /// The body's exact bytes.
  package static func bytes(model: String, parameters: RequestParameters, prompt: String, seed: Int64, baselineURL: String?) -> [UInt8] {
    JSONWriter.canonical(body(model: model, parameters: parameters, prompt: prompt, seed: seed, baselineURL: baselineURL))
  }

  /// A `data:` URL for image bytes.
  package static func dataURL(mediaType: String, bytes: [UInt8]) -> String {
    "data:\(mediaType);base64," + Data(bytes).base64EncodedString()
  }

  /// Resolves what goes into every request of a batch.
  /// - Parameters:
  ///   - capabilities: what the model takes.
  ///   - choice: `--transport`.
  ///   - aspectRatio: `--aspect-ratio`, if given.
  ///   - imageSize: `--image-size`, if given.
  package static func parameters(capabilities: ModelCapabilities, choice: TransportChoice, aspectRatio: String?, imageSize: String?) -> RequestParameters {
    let transport: Transport
    switch choice {
    case .auto: transport = capabilities.imagesAPIOnly ? .images : capabilities.automaticTransport
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
