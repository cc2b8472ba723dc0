import Foundation

/// What `GET /api/v1/generation?id=` reports about one answered request.
struct GenerationRecord: Sendable {
  let id: String
  let model: MockModel
  let apiType: String
  let createdAt: Date
  let latencyMs: Int
  let promptTokens: Int
  let completionTokens: Int
  let imageTokens: Int
  let reasoningTokens: Int
  let images: Int
  let promptImages: Int
  let finishReason: String?
  let nativeFinishReason: String?
  let cost: Double

  var json: JSONValue {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return [
      "data": [
        "id": .string(id),
        "upstream_id": .string("mock-" + id.suffix(8)),
        "total_cost": .double(cost),
        "cache_discount": nil,
        "upstream_inference_cost": nil,
        "created_at": .string(formatter.string(from: createdAt)),
        "model": .string(model.id),
        "app_id": nil,
        "streamed": false,
        "cancelled": false,
        "provider_name": .string(model.providerName),
        "latency": .int(latencyMs),
        "moderation_latency": nil,
        "generation_time": .int(latencyMs),
        "finish_reason": finishReason.map { .string($0) } ?? nil,
        "native_finish_reason": nativeFinishReason.map { .string($0) } ?? nil,
        "tokens_prompt": .int(promptTokens),
        "tokens_completion": .int(completionTokens),
        "native_tokens_prompt": .int(promptTokens),
        "native_tokens_completion": .int(completionTokens),
        "native_tokens_completion_images": .int(imageTokens),
        "native_tokens_reasoning": .int(reasoningTokens),
        "native_tokens_cached": 0,
        "num_media_prompt": .int(promptImages),
        "num_media_completion": .int(images),
        "num_search_results": 0,
        "origin": "",
        "usage": .double(cost),
        "is_byok": false,
        "api_type": .string(apiType),
      ]
    ]
  }
}
