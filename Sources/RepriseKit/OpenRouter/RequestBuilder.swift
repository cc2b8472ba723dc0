import Foundation

/// Builds the exact HTTP body reprise sends for a job. Pure: the same inputs always give the same
/// bytes (RFC 8785 canonical JSON), which is what `request_sha256` hashes and rerun checks.
package enum RequestBuilder {
  /// The request formats this reprise builds byte for byte (`spec.request.format`; absent = 1).
  package static let formats = [1, 2]
  /// The format new manifests are planned with.
  package static let currentFormat = 2

  /// The body as a JSON value.
  /// - Parameters:
  ///   - model: the model id.
  ///   - parameters: resolved transport, modalities and image options.
  ///   - prompt: the job's final prompt.
  ///   - seed: the job's seed.
  ///   - baselineURL: a `data:` URL for a local baseline, the http(s) URL for a remote one, or nil.
  package static func body(model: String, parameters: RequestParameters, prompt: String, seed: Int64, baselineURL: String?) -> JSONValue {
    guard parameters.format >= 2 else { return RequestFormat1.body(model: model, parameters: parameters, prompt: prompt, seed: seed, baselineURL: baselineURL) }
    let reference: JSONValue? = baselineURL.map { .object(["type": .string("image_url"), "image_url": .object(["url": .string($0)])]) }
    var members: [String: JSONValue] = ["model": .string(model)]
    switch parameters.transport {
    case .chat:
      let content: [JSONValue] = [.object(["type": .string("text"), "text": .string(prompt)])] + (reference.map { [$0] } ?? [])
      members["messages"] = .array([.object(["role": .string("user"), "content": .array(content)])])
      members["modalities"] = .strings(parameters.modalities)
      if !parameters.imageConfig.isEmpty { members["image_config"] = .object(parameters.imageConfig.mapValues { .string($0) }) }
      if let maxTokens = parameters.maxTokens { members["max_tokens"] = .int(Int64(maxTokens)) }
    case .images:
      members["prompt"] = .string(prompt)
      if let ratio = parameters.aspectRatio { members["aspect_ratio"] = .string(ratio) }
      if let resolution = parameters.resolution { members["resolution"] = .string(resolution) }
      if let outputFormat = parameters.outputFormat { members["output_format"] = .string(outputFormat) }
      if let reference { members["input_references"] = .array([reference]) }
    }
    if parameters.sendsSeed { members["seed"] = .int(seed) }
    if let provider = parameters.provider { members["provider"] = provider.json }
    return .object(members)
  }

  /// The body's exact bytes.
  package static func bytes(model: String, parameters: RequestParameters, prompt: String, seed: Int64, baselineURL: String?) -> [UInt8] {
    JSONWriter.canonical(body(model: model, parameters: parameters, prompt: prompt, seed: seed, baselineURL: baselineURL))
  }

  /// A `data:` URL for image bytes.
  package static func dataURL(mediaType: String, bytes: [UInt8]) -> String {
    "data:\(mediaType);base64," + Data(bytes).base64EncodedString()
  }

  /// Resolves a batch's parameters as request format 1 did (frozen: a manifest of format 1 is
  /// continued with it). New batches use `RequestShaper`.
  package static func parameters(capabilities: ModelCapabilities, choice: TransportChoice, aspectRatio: String?, imageSize: String?) -> RequestParameters {
    RequestFormat1.parameters(capabilities: capabilities, choice: choice, aspectRatio: aspectRatio, imageSize: imageSize)
  }
}
