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

  // Request format 2 (issue 11): absent from manifests written before it, which are format 1.
  /// The request format: how `RequestBuilder` turns these values into bytes (`format`; 1 when absent).
  public let format: Int
  /// Format 2: whether the job's seed is sent (`sends_seed`; only to models that take it).
  public let sendsSeed: Bool
  /// Format 2, images only: `output_format` (`png`, `jpeg`, `webp`) from `--ext`, where the model takes it.
  public let outputFormat: String?
  /// Format 2: `--provider`, sent as `provider: {only, allow_fallbacks: false}`.
  public let provider: ProviderPin?

  /// Parameters as given (format 1 unless `format` says otherwise).
  public init(
    transport: Transport, modalities: [String], imageConfig: [String: String], aspectRatio: String?, resolution: String?, maxTokens: Int?,
    format: Int = 1, sendsSeed: Bool = true, outputFormat: String? = nil, provider: ProviderPin? = nil
  ) {
    self.transport = transport
    self.modalities = modalities
    self.imageConfig = imageConfig
    self.aspectRatio = aspectRatio
    self.resolution = resolution
    self.maxTokens = maxTokens
    self.format = format
    self.sendsSeed = sendsSeed
    self.outputFormat = outputFormat
    self.provider = provider
  }

  /// The manifest form: format 1 exactly as written before formats existed.
  public var json: JSONValue {
    var members: [String: JSONValue] = [
      "transport": .string(transport.rawValue),
      "path": .string(transport.path),
      "modalities": .strings(modalities),
      "image_config": .object(imageConfig.mapValues { .string($0) }),
      "aspect_ratio": .optional(aspectRatio),
      "resolution": .optional(resolution),
      "max_tokens": .optional(maxTokens),
    ]
    if format >= 2 {
      members["format"] = .int(Int64(format))
      members["sends_seed"] = .bool(sendsSeed)
      members["output_format"] = .optional(outputFormat)
      members["provider"] = provider?.json ?? .null
    }
    return .object(members)
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
    let format = try r.optionalInt("format") ?? 1
    guard RequestBuilder.formats.contains(Int(format)) else {
      throw JSONFieldError(
        path: r.path + ".format", expected: "a request format this reprise builds (\(RequestBuilder.formats.map(String.init).joined(separator: ", ")))",
        found: String(format))
    }
    self.format = Int(format)
    if format >= 2 {
      sendsSeed = try r.bool("sends_seed")
      outputFormat = try r.optionalString("output_format")
      provider = try r.optionalObject("provider").map { (p) throws(JSONFieldError) in try ProviderPin(reading: p) }
    } else {
      sendsSeed = true
      outputFormat = nil
      provider = nil
    }
  }
}
