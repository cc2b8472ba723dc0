import Foundation

/// Error responses in OpenRouter's shapes (see shared/fixtures/openrouter/error-*.json).
enum OpenRouterErrors {
  static let docsURL = "https://openrouter.ai/docs/api-reference/errors"

  static func noCredentials() -> HTTPResponse {
    .json(401, ["error": ["message": "No auth credentials found", "code": 401]])
  }

  static func userNotFound() -> HTTPResponse {
    .json(401, ["error": ["message": "User not found.", "code": 401]])
  }

  static func notFound() -> HTTPResponse {
    .json(404, ["error": ["code": 404, "message": "Not Found"]])
  }

  static func methodNotAllowed(allowed: String) -> HTTPResponse {
    .json(405, ["error": ["code": 405, "message": "Method Not Allowed"]], headers: [("Allow", allowed)])
  }

  static func badRequest(_ message: String, errorType: String = "invalid_request") -> HTTPResponse {
    .json(400, ["error": ["code": 400, "message": .string(message), "metadata": ["error_type": .string(errorType)]]])
  }

  static func invalidModel(_ id: String) -> HTTPResponse {
    .json(400, ["error": ["code": 400, "message": .string("\(id) is not a valid model ID")]])
  }

  /// Zod's enum message, as OpenRouter's validator words it.
  static func invalidOption(_ allowed: [String], parameter: String) -> HTTPResponse {
    let list = allowed.map { "\"\($0)\"" }.joined(separator: "|")
    return .json(
      400,
      [
        "error": [
          "code": 400,
          "message": .string("Invalid option: expected one of \(list)"),
          "metadata": ["error_type": "invalid_request", "param": .string(parameter)],
        ]
      ])
  }

  static func noEndpoints(modalities: [String]) -> HTTPResponse {
    .json(
      404,
      [
        "error": [
          "message": .string("No endpoints found that support the requested output modalities: \(modalities.joined(separator: ", "))"),
          "code": 404,
          "metadata": [
            "routing_funnel": [["step": "Initial Endpoints", "endpoint_count": 1]],
            "failed_routing_step": "Filter by Model Output Modalities",
          ],
        ]
      ])
  }

  static func base64DecodingFailed(provider: String) -> HTTPResponse {
    .json(
      400,
      [
        "error": [
          "code": 400,
          "message": "Provider returned error",
          "metadata": ["raw": "Base64 decoding failed", "provider_name": .string(provider), "error_type": "invalid_image"],
        ]
      ])
  }

  static func credits(maxTokens: Int?) -> HTTPResponse {
    let requested = maxTokens ?? 65536
    let message =
      "This request requires more credits, or fewer max_tokens. You requested up to \(requested) tokens, but can only afford 10114. "
      + "To increase, visit https://openrouter.ai/settings/credits and upgrade to a paid account"
    return .json(
      402, ["error": ["message": .string(message), "code": 402, "metadata": ["provider_name": nil]], "user_id": "user_mock"])
  }

  static func creditsStringCode() -> HTTPResponse {
    .json(402, ["error": ["message": "Insufficient credits", "code": "402", "type": "upstream_error"]])
  }

  static func moderation(prompt: String, model: MockModel) -> HTTPResponse {
    .json(
      403,
      [
        "error": [
          "code": 403,
          "message": .string("\(model.id) requires moderation on \(model.providerName). Your input was flagged for \"violence\". No credits were charged."),
          "metadata": [
            "reasons": ["violence"],
            "flagged_input": .string(flaggedInput(prompt)),
            "provider_name": .string(model.providerName),
            "model_slug": .string(model.id),
          ],
        ]
      ])
  }

  /// At most 100 characters, cut in the middle with "...", as OpenRouter reports flagged input.
  static func flaggedInput(_ text: String) -> String {
    guard text.count > 100 else { return text }
    return String(text.prefix(48)) + "..." + String(text.suffix(49))
  }

  /// The body and headers OpenRouter sends for an HTTP error `status` on a generation request.
  static func failure(status: Int, model: MockModel, retryAfter: Int, maxTokens: Int? = nil, prompt: String = "") -> HTTPResponse {
    switch status {
    case 402: return credits(maxTokens: maxTokens)
    case 403: return moderation(prompt: prompt, model: model)
    case 429:
      let reset = String(Int64((Date().timeIntervalSince1970 + Double(retryAfter)) * 1000))
      let limits: JSONValue = ["X-RateLimit-Limit": "20", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": .string(reset)]
      return .json(
        429,
        [
          "error": [
            "code": 429,
            "message": "Rate limit exceeded: free-models-per-minute",
            "metadata": ["headers": limits, "provider_name": nil],
          ],
          "user_id": "user_mock",
        ],
        headers: [
          ("Retry-After", String(retryAfter)), ("X-RateLimit-Limit", "20"), ("X-RateLimit-Remaining", "0"),
          ("X-RateLimit-Reset", reset),
        ])
    case 500:
      return .json(500, ["error": ["code": 500, "message": "Internal Server Error", "metadata": ["error_type": "server"]]])
    case 502:
      return .json(
        502,
        [
          "error": [
            "code": 502,
            "message": "Provider returned error",
            "metadata": [
              "raw": "upstream connect error", "provider_name": .string(model.providerName), "error_type": "provider_unavailable",
            ],
          ]
        ])
    case 503:
      return .json(
        503,
        [
          "error": [
            "code": 503,
            "message": "No available providers",
            "metadata": ["error_type": "provider_overloaded"],
            "availability": [
              "code": "temporarily_unavailable",
              "retryable": true,
              "retry_after": .int(retryAfter),
              "requested_models": [.string(model.id)],
              "docs_url": .string(docsURL),
            ],
          ]
        ],
        headers: [("Retry-After", String(retryAfter))])
    case 524:
      return .json(
        524, ["error": ["code": 524, "message": "Request timed out. Please try again later.", "metadata": ["error_type": "timeout"]]])
    case 529:
      return .json(
        529,
        [
          "error": [
            "code": 529,
            "message": "Provider returned error",
            "metadata": ["raw": "The model is overloaded.", "provider_name": .string(model.providerName), "error_type": "provider_overloaded"],
          ]
        ])
    case 408:
      return .json(408, ["error": ["code": 408, "message": "Operation timed out. Please try again later."]])
    case 413:
      return .json(413, ["error": ["code": 413, "message": "Request payload too large", "metadata": ["error_type": "payload_too_large"]]])
    default:
      return .json(status, ["error": ["code": .int(status), "message": .string(HTTPResponse.reasonPhrase(status))]])
    }
  }

  /// A failed Image API generation (unbilled): HTTP 502.
  static func imageGenerationFailed(model: MockModel, reason: String, errorType: String) -> HTTPResponse {
    .json(
      502,
      [
        "error": [
          "code": 502,
          "message": "Generation failed",
          "metadata": ["raw": .string(reason), "provider_name": .string(model.providerName), "error_type": .string(errorType)],
        ]
      ])
  }
}
