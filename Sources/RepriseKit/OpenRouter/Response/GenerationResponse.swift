/// A successful image-generation response from chat completions or `POST /images`, with every
/// image found in it and the metadata reprise records.
public struct GenerationResponse: Sendable, Equatable {
  /// All images in response order (a preview may precede the final image); the job's output is the last.
  package let images: [ImagePayload]
  /// The generation id (`gen-…`): the body's top-level `id`, else the `X-Generation-Id` header
  /// (the Image API sends it only there).
  public internal(set) var generationID: String?
  /// The model that served the request.
  public let model: String?
  /// The provider that served the request, e.g. `Google`: the body's `provider`, else the
  /// `X-Provider-Name` header.
  public internal(set) var provider: String?
  /// `choices[0].finish_reason`, normalised by OpenRouter.
  public let finishReason: String?
  /// `choices[0].native_finish_reason`, the provider's own value (e.g. `STOP`, `IMAGE_SAFETY`).
  public let nativeFinishReason: String?
  /// The assistant's text (string content, or its text parts joined); nil when empty. Embedded
  /// data URLs are replaced by `[image]`.
  public let text: String?
  /// `usage.cost` in USD: what OpenRouter charged (with BYOK only its fee).
  public let cost: Double?
  /// `usage.is_byok`: the provider billed your own key directly.
  public let isBYOK: Bool?
  /// `usage.cost_details.upstream_inference_cost` in USD: the provider's charge.
  public let upstreamCost: Double?
  /// `X-OpenRouter-Cache-Status` (`HIT` or `MISS`) when OpenRouter's response cache answered or
  /// stored the response; nil when caching was off.
  public internal(set) var cacheStatus: String?
  /// `usage.completion_tokens_details.image_tokens`.
  public let imageTokens: Int?
  /// The `usage` object as received.
  public let usage: JSONValue?

  /// A response with every field given.
  package init(
    images: [ImagePayload], generationID: String?, model: String?, provider: String?, finishReason: String?,
    nativeFinishReason: String?, text: String?, cost: Double?, imageTokens: Int?, usage: JSONValue?
  ) {
    isBYOK = usage?["is_byok"]?.boolValue
    upstreamCost = usage?["cost_details"]?["upstream_inference_cost"]?.doubleValue
    self.images = images
    self.generationID = generationID
    self.model = model
    self.provider = provider
    self.finishReason = finishReason
    self.nativeFinishReason = nativeFinishReason
    self.text = text
    self.cost = cost
    self.imageTokens = imageTokens
    self.usage = usage
  }

  /// What the image cost in all, in USD: `usage.cost`, plus the provider's
  /// `upstream_inference_cost` when the request ran on your own key (BYOK), where `usage.cost` is
  /// only OpenRouter's fee. Without BYOK `upstream_inference_cost` is already inside `usage.cost`.
  public var totalCost: Double? {
    guard isBYOK == true, let upstreamCost else { return cost }
    return (cost ?? 0) + upstreamCost
  }

  /// Fills what the body left out from the response headers (lower-cased names):
  /// `X-Generation-Id`, `X-Provider-Name`, and always `X-OpenRouter-Cache-Status`.
  package mutating func adopt(headers: [String: String]) {
    func header(_ name: String) -> String? {
      guard let value = headers[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
      return value
    }
    if generationID?.isEmpty ?? true { generationID = header("x-generation-id") }
    if provider?.isEmpty ?? true { provider = header("x-provider-name") }
    cacheStatus = header("x-openrouter-cache-status")?.uppercased()
  }

  /// True when OpenRouter's response cache answered: no image was generated for this request.
  public var isCacheHit: Bool { cacheStatus == "HIT" }

  /// The job's output: the last image, or nil when there is none.
  package var finalImage: ImagePayload? { images.last }
}
