/// What the mock's Image API publishes per model, shaped after OpenRouter's discovery endpoints
/// (`GET /images/models`, `GET /images/models/{author}/{slug}/endpoints`): typed
/// `supported_parameters` (an absent key means unsupported), pricing lines and passthrough keys.
struct ImageAPIEndpoint: Sendable {
  let providerName: String
  let providerSlug: String
  /// `enum` parameters and their values.
  let enums: [(String, [String])]
  /// `boolean` parameters.
  let flags: [String]
  /// `(billable, unit, cost_usd)`.
  let pricing: [(String, String, Double)]
  let passthrough: [String]
  /// The `output_format` answered when the request names none (Gemini answers JPEG).
  let defaultFormat: String

  func values(_ parameter: String) -> [String]? { enums.first(where: { $0.0 == parameter })?.1 }
  func takes(_ parameter: String) -> Bool { flags.contains(parameter) || values(parameter) != nil }

  var supportedParameters: JSONValue {
    var members: [(String, JSONValue)] = enums.map { ($0.0, ["type": "enum", "values": .array($0.1.map { .string($0) })]) }
    members += flags.map { ($0, ["type": "boolean"]) }
    return .object(members.sorted { $0.0 < $1.0 })
  }

  var record: JSONValue {
    [
      "provider_name": .string(providerName), "provider_slug": .string(providerSlug), "provider_tag": .string(providerSlug),
      "supported_parameters": supportedParameters, "allowed_passthrough_parameters": .array(passthrough.map { .string($0) }),
      "supports_streaming": false,
      "pricing": .array(pricing.map { ["billable": .string($0.0), "unit": .string($0.1), "cost_usd": .double($0.2)] }),
    ]
  }
}

enum ImageAPICatalog {
  static let standardRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]
  static let formats = ["png", "jpeg", "webp"]

  /// The endpoint serving `id` on the Image API, or nil when the Image API does not serve it
  /// (the gpt-5-image family and text models).
  static func endpoint(for model: MockModel) -> ImageAPIEndpoint? {
    switch model.id {
    case "openai/gpt-5-image", "openai/gpt-5-image-mini", "openai/gpt-4o-mini", "google/gemini-3.1-flash-image-preview":
      return nil
    case "openai/gpt-image-2":
      return ImageAPIEndpoint(
        providerName: "OpenAI", providerSlug: "openai",
        enums: [
          ("aspect_ratio", ["1:1", "2:3", "3:2", "auto"]), ("resolution", ["1K", "2K", "4K"]), ("output_format", formats),
          ("quality", ["auto", "low", "medium", "high"]), ("background", ["auto", "transparent", "opaque"]),
        ], flags: ["n"], pricing: [("output_image", "image", 0.13)], passthrough: ["moderation"], defaultFormat: "png")
    case "google/gemini-2.5-flash-image":
      return ImageAPIEndpoint(
        providerName: "Google AI Studio", providerSlug: "google-ai-studio", enums: [("aspect_ratio", standardRatios), ("output_format", ["png", "jpeg"])],
        flags: ["seed"], pricing: [("output_image", "token", 0.00003)], passthrough: [], defaultFormat: "jpeg")
    case "google/gemini-3.1-flash-lite-image":
      return ImageAPIEndpoint(
        providerName: "Google AI Studio", providerSlug: "google-ai-studio",
        enums: [
          ("aspect_ratio", ModelCatalog.imageAPIAspectRatios.filter { $0 != "auto" }), ("resolution", ["512", "1K", "2K"]), ("output_format", formats),
        ], flags: ["seed"], pricing: [("output_image", "token", 0.00003)], passthrough: [], defaultFormat: "jpeg")
    case "black-forest-labs/flux.2-pro":
      return ImageAPIEndpoint(
        providerName: "Black Forest Labs", providerSlug: "black-forest-labs",
        enums: [("aspect_ratio", standardRatios + ["9:21"]), ("resolution", ["1K", "2K"]), ("output_format", ["png", "jpeg"])], flags: ["seed", "n"],
        pricing: [("output_image", "megapixel", 0.03)], passthrough: ["steps", "guidance"], defaultFormat: "png")
    default:
      guard model.producesImages else { return nil }
      return ImageAPIEndpoint(
        providerName: model.providerName, providerSlug: model.providerName.lowercased().replacingOccurrences(of: " ", with: "-"),
        enums: [("aspect_ratio", ModelCatalog.imageAPIAspectRatios), ("resolution", ModelCatalog.imageAPIResolutions), ("output_format", formats)],
        flags: ["seed", "n"], pricing: [("output_image", "image", Double(model.imageOutputPrice ?? "0.04") ?? 0.04)], passthrough: [], defaultFormat: "png")
    }
  }

  /// `GET /images/models`.
  static var models: JSONValue {
    let entries: [JSONValue] = ModelCatalog.all.compactMap { model in
      guard let endpoint = endpoint(for: model) else { return nil }
      return [
        "id": .string(model.id), "name": .string(model.name), "description": .string(model.description), "created": .int(model.created),
        "architecture": ["input_modalities": .array(model.inputModalities.map { .string($0) }), "output_modalities": ["image"]],
        "supported_parameters": endpoint.supportedParameters, "supports_streaming": false,
        "endpoints": .string("/api/v1/images/models/\(model.id)/endpoints"),
      ]
    }
    return ["data": .array(entries)]
  }

  /// `GET /images/models/{author}/{slug}/endpoints`, or nil (404).
  static func endpoints(route: String) -> JSONValue? {
    let id = String(route.dropFirst("/images/models/".count).dropLast("/endpoints".count))
    guard let model = ModelCatalog.model(id: id), let endpoint = endpoint(for: model) else { return nil }
    return ["id": .string(id), "endpoints": [endpoint.record]]
  }

  /// The 400 OpenRouter answers for a field the endpoint does not take or a value outside its
  /// set; nil when the body fits.
  static func refusal(_ body: JSONValue, endpoint: ImageAPIEndpoint, model: String) -> HTTPResponse? {
    for parameter in ["seed", "aspect_ratio", "resolution", "output_format", "quality", "background", "size", "output_compression"] {
      guard let value = body[parameter], !value.isNull else { continue }
      guard endpoint.takes(parameter) else {
        return .json(
          400,
          [
            "error": [
              "code": 400, "message": .string("No endpoints found for \(model) that support the requested parameters: \(parameter)"),
              "metadata": ["error_type": "invalid_request", "param": .string(parameter)],
            ]
          ])
      }
      if let allowed = endpoint.values(parameter), !allowed.contains(value.stringValue ?? "") {
        return OpenRouterErrors.invalidOption(allowed, parameter: parameter)
      }
    }
    return nil
  }
}
