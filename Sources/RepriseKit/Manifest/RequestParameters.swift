/// Everything that shapes a request body besides the per-job prompt and seed, resolved when the
/// batch is planned. Rerun rebuilds requests from these values alone, never from current defaults.
public struct RequestParameters: Sendable, Equatable {
  /// Which endpoint.
  public let transport: Transport
  /// Chat only: `["image","text"]` or `["image"]`.
  public let modalities: [String]
  /// Chat only: `image_config` members (`aspect_ratio`, `image_size`).
  public let imageConfig: [String: String]
  /// Images only: `aspect_ratio`.
  public let aspectRatio: String?
  /// Images only: `resolution`.
  public let resolution: String?
  /// Chat only: `max_tokens`, so OpenRouter does not reserve the model's maximum.
  public let maxTokens: Int?

  /// Parameters as given.
  public init(transport: Transport, modalities: [String], imageConfig: [String: String], aspectRatio: String?, resolution: String?, maxTokens: Int?) {
    self.transport = transport
    self.modalities = modalities
    self.imageConfig = imageConfig
    self.aspectRatio = aspectRatio
    self.resolution = resolution
    self.maxTokens = maxTokens
  }

  /// The manifest form.
  public var json: JSONValue {
    .object([
      "transport": .string(transport.rawValue),
      "path": .string(transport.path),
      "modalities": .strings(modalities),
      "image_config": .object(imageConfig.mapValues { .string($0) }),
      "aspect_ratio": .optional(aspectRatio),
      "resolution": .optional(resolution),
      "max_tokens": .optional(maxTokens),
    ])
  }

  /// Reads the manifest form.
  public init(reading r: JSONObjectReader) throws(JSONFieldError) {
    let name = try r.string("transport")
    guard let transport = Transport(rawValue: name) else {
      throw JSONFieldError(path: r.path + ".transport", expected: "\"chat\" or \"images\"", found: "\"\(name)\"")
    }
    self.transport = transport
    modalities = try r.strings("modalities")
    let config = try r.object("image_config")
    var imageConfig: [String: String] = [:]
    for key in config.members.keys { imageConfig[key] = try config.string(key) }
    self.imageConfig = imageConfig
    aspectRatio = try r.optionalString("aspect_ratio")
    resolution = try r.optionalString("resolution")
    maxTokens = try r.optionalInt("max_tokens").map { Int($0) }
  }
}
