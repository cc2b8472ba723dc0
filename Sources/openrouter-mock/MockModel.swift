/// One model the mock knows: what it lists under `GET /models` and how chat and the Image API treat it.
struct MockModel: Sendable {
  let id: String
  let canonicalSlug: String
  let name: String
  let created: Int
  let description: String
  let contextLength: Int
  let inputModalities: [String]
  let outputModalities: [String]
  /// The `provider` named in responses and generation records.
  let providerName: String
  /// Whether `/chat/completions` serves this model at all (gpt-image-2 is Image-API only).
  let servedOnChat: Bool
  /// USD per token / per image, as OpenRouter's pricing strings.
  let promptPrice: String
  let completionPrice: String
  let imageTokenPrice: String?
  let imageOutputPrice: String?
  let supportedParameters: [String]
  /// Accepts `1:4, 4:1, 1:8, 8:1` on chat and `0.5K` image size (gemini-3.1-flash-image-preview).
  let hasExtendedOptions: Bool
  /// Reasoning tokens a "thinking" image model reports.
  let reasoningTokens: Int
  /// Image tokens per output image at each size tier ("0.5K", "1K", "2K", "4K").
  let imageTokensBySize: [String: Int]

  var producesImages: Bool { outputModalities.contains("image") }

  func imageTokens(size: String?) -> Int {
    imageTokensBySize[size ?? "1K"] ?? imageTokensBySize["1K"] ?? 1290
  }

  /// USD for one response with the given token counts and number of images, rounded like OpenRouter's.
  func cost(promptTokens: Int, textTokens: Int, imageTokens: Int, images: Int) -> Double {
    var total = Double(promptTokens) * (Double(promptPrice) ?? 0) + Double(textTokens) * (Double(completionPrice) ?? 0)
    if let perToken = imageTokenPrice.flatMap(Double.init) {
      total += Double(imageTokens) * perToken
    } else if let perImage = imageOutputPrice.flatMap(Double.init) {
      total += Double(images) * perImage
    }
    return (total * 1e12).rounded() / 1e12
  }

  /// The `GET /models` entry.
  var listing: JSONValue {
    var pricing: [(String, JSONValue)] = [("prompt", .string(promptPrice)), ("completion", .string(completionPrice))]
    if let imageTokenPrice { pricing.append(("image_token", .string(imageTokenPrice))) }
    if let imageOutputPrice { pricing.append(("image_output", .string(imageOutputPrice))) }
    pricing.append(("request", "0"))
    pricing.append(("web_search", "0"))
    pricing.append(("internal_reasoning", "0"))
    let inputs = inputModalities.joined(separator: "+")
    let outputs = outputModalities.joined(separator: "+")
    return [
      "id": .string(id),
      "canonical_slug": .string(canonicalSlug),
      "hugging_face_id": "",
      "name": .string(name),
      "created": .int(created),
      "description": .string(description),
      "context_length": .int(contextLength),
      "architecture": [
        "modality": .string("\(inputs)->\(outputs)"),
        "input_modalities": .array(inputModalities.map { .string($0) }),
        "output_modalities": .array(outputModalities.map { .string($0) }),
        "tokenizer": .string(providerName == "Google" ? "Gemini" : "Other"),
        "instruct_type": nil,
      ],
      "pricing": .object(pricing),
      "top_provider": [
        "context_length": .int(contextLength),
        "max_completion_tokens": .int(min(contextLength, 32768)),
        "is_moderated": .bool(providerName == "OpenAI"),
      ],
      "per_request_limits": nil,
      "supported_parameters": .array(supportedParameters.map { .string($0) }),
      "default_parameters": [:],
      "expiration_date": nil,
    ]
  }
}
