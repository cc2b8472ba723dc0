/// A successful image-generation response from chat completions or `POST /images`, with every
/// image found in it and the metadata reprise records.
public struct GenerationResponse: Sendable, Equatable {
  /// All images in response order (a preview may precede the final image); the job's output is the last.
  package let images: [ImagePayload]
  /// The top-level `id` (`gen-…`), when present.
  public let generationID: String?
  /// The model that served the request.
  public let model: String?
  /// The provider that served the request, e.g. `Google`.
  public let provider: String?
  /// `choices[0].finish_reason`, normalised by OpenRouter.
  public let finishReason: String?
  /// `choices[0].native_finish_reason`, the provider's own value (e.g. `STOP`, `IMAGE_SAFETY`).
  public let nativeFinishReason: String?
  /// The assistant's text (string content, or its text parts joined); nil when empty. Embedded
  /// data URLs are replaced by `[image]`.
  public let text: String?
  /// `usage.cost` in USD.
  public let cost: Double?
  /// `usage.completion_tokens_details.image_tokens`.
  public let imageTokens: Int?
  /// The `usage` object as received.
  public let usage: JSONValue?

  /// A response with every field given.
  package init(
    images: [ImagePayload], generationID: String?, model: String?, provider: String?, finishReason: String?,
    nativeFinishReason: String?, text: String?, cost: Double?, imageTokens: Int?, usage: JSONValue?
  ) {
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

  /// The job's output: the last image, or nil when there is none.
  package var finalImage: ImagePayload? { images.last }
}
