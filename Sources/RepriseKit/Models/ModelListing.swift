/// One image-capable model as `GET /models?output_modalities=image` describes it.
public struct ModelListing: Sendable, Equatable {
  /// Model id.
  public let id: String
  /// Display name.
  public let name: String?
  /// Canonical slug (never changes for a model version).
  public let canonicalSlug: String?
  /// `architecture.output_modalities`.
  public let outputModalities: [String]
  /// `architecture.input_modalities`.
  public let inputModalities: [String]
  /// `pricing` members, as strings in USD per unit.
  public let pricing: [String: String]
  /// `supported_parameters` (chat completions request fields, e.g. `seed`).
  public let supportedParameters: [String]

  /// A listing as given.
  public init(
    id: String, name: String?, canonicalSlug: String?, outputModalities: [String], inputModalities: [String], pricing: [String: String],
    supportedParameters: [String] = []
  ) {
    self.supportedParameters = supportedParameters
    self.id = id
    self.name = name
    self.canonicalSlug = canonicalSlug
    self.outputModalities = outputModalities
    self.inputModalities = inputModalities
    self.pricing = pricing
  }

  /// Reads one entry of the `data` array; nil when it has no id.
  public init?(_ value: JSONValue) {
    guard let id = value["id"]?.stringValue else { return nil }
    self.id = id
    name = value["name"]?.stringValue
    canonicalSlug = value["canonical_slug"]?.stringValue
    // `architecture.*` in OpenRouter's listing, top-level in the cache form.
    outputModalities = (value["architecture"]?["output_modalities"] ?? value["output_modalities"])?.arrayValue?.compactMap(\.stringValue) ?? []
    inputModalities = (value["architecture"]?["input_modalities"] ?? value["input_modalities"])?.arrayValue?.compactMap(\.stringValue) ?? []
    var pricing: [String: String] = [:]
    for (key, v) in value["pricing"]?.objectValue ?? [:] {
      if let s = v.stringValue { pricing[key] = s } else if let d = v.doubleValue { pricing[key] = JSONWriter.formatDouble(d) }
    }
    self.pricing = pricing
    supportedParameters = value["supported_parameters"]?.arrayValue?.compactMap(\.stringValue) ?? []
  }

  /// The cache and `--json` form.
  public var json: JSONValue {
    .object([
      "id": .string(id), "name": .optional(name), "canonical_slug": .optional(canonicalSlug),
      "output_modalities": .strings(outputModalities), "input_modalities": .strings(inputModalities),
      "pricing": .object(pricing.mapValues { .string($0) }), "supported_parameters": .strings(supportedParameters),
    ])
  }

  /// The image price in one phrase: per output image, per image token, or "unknown".
  public var imagePriceSummary: String {
    if let perImage = pricing["image_output"], let v = Double(perImage), v > 0 { return "$\(perImage)/image" }
    if let perToken = pricing["image_token"], let v = Double(perToken), v > 0 { return "$\(JSONWriter.formatDouble(v * 1_000_000))/M image tokens" }
    if let completion = pricing["completion"], let v = Double(completion), v > 0 { return "$\(JSONWriter.formatDouble(v * 1_000_000))/M output tokens" }
    return "unknown"
  }

  /// Capabilities for planning: modalities from the listing, option support from the built-in table.
  package var capabilities: ModelCapabilities {
    let known = ModelCapabilities.lookup(id)
    let outputsText = outputModalities.contains("text")
    return ModelCapabilities(
      id: id, outputsText: outputsText, imagesAPIOnly: known.imagesAPIOnly, supportsExtendedAspectRatios: known.supportsExtendedAspectRatios,
      supportsImageSize: known.supportsImageSize)
  }
}
