import Foundation

/// How the mock answers an image request: `--mode`, a scenario's `mode`, or a `[mock:MODE]` directive
/// inside the prompt (which wins for that one request).
enum MockMode: Equatable, Sendable {
  /// The canonical success shape.
  case ok
  /// 402 "requires more credits, or fewer max_tokens".
  case credits
  /// 402 whose `error.code` is the string "402".
  case creditsStringCode
  /// 403 moderation flag with `metadata.reasons` and `flagged_input`.
  case moderation
  /// HTTP 200 whose body is only `{"error":{...}}`.
  case errorIn200
  /// HTTP 200 with `choices[0].finish_reason:"error"` and `choices[0].error`.
  case choiceError
  /// HTTP 200, no image, `finish_reason:"content_filter"`, `native_finish_reason:"IMAGE_SAFETY"`.
  case refusal
  /// HTTP 200, text only, `finish_reason:"stop"`.
  case textOnly
  /// `message.images` holds bare data-URL strings.
  case shapeBareString
  /// `message.images[].url` without the `image_url` wrapper.
  case shapeURLWithoutWrapper
  /// An `image_url` part inside `message.content`.
  case shapeContentImageURL
  /// A Gemini-style `inline_data` part inside `message.content`.
  case shapeInlineData
  /// A `{type:"image", data, mime_type}` part inside `message.content`.
  case shapeImageData
  /// A markdown data URL inside string `message.content`.
  case shapeDataURLInContent
  /// An http URL back to this mock (`GET /api/v1/files/<name>.png`).
  case shapeRemoteURL
  /// Two images: a 4x4 preview, then the final one.
  case previewFinal
  /// JPEG bytes behind a data URL that says image/png.
  case jpeg
  /// A valid PNG of about `--large-bytes` bytes.
  case large
  /// Full Content-Length, half the body, then the socket closes.
  case closeMidBody
  /// Headers and part of the body, then silence until the client leaves or `--stall-sec` passes.
  case stall
  /// 402 `in_flight_budget_exhausted` (`limit_source: openrouter_in_flight_budget`) with `Retry-After`.
  case inFlightBudget
  /// 403 "Key limit exceeded" (`limit_source: openrouter_key_limit`, `resets_at`).
  case keyLimit
  /// 404 "No endpoints found that support the requested output modalities: image, text" with the routing funnel.
  case routingFunnel
  /// 429 free-models-per-day: `X-RateLimit-Remaining: 0`, reset six hours away.
  case dailyCap
  /// Success answered from OpenRouter's response cache: `X-OpenRouter-Cache-Status: HIT`, usage zeroed.
  case cacheHit
  /// Success stored in the response cache: `X-OpenRouter-Cache-Status: MISS`, billed normally.
  case cacheMiss
  /// Success on your own provider key: `is_byok: true`, `usage.cost` only OpenRouter's 5% fee,
  /// the provider's charge in `cost_details.upstream_inference_cost`.
  case byok
  /// An error status with OpenRouter's body for it (429, 500, 502, 503, 524, 529, …).
  case status(Int)

  init?(name: String) {
    switch name.lowercased() {
    case "ok": self = .ok
    case "402": self = .credits
    case "402-string-code": self = .creditsStringCode
    case "403-moderation": self = .moderation
    case "error-in-200": self = .errorIn200
    case "choice-error": self = .choiceError
    case "refusal": self = .refusal
    case "text-only": self = .textOnly
    case "shape-bare-string": self = .shapeBareString
    case "shape-url-without-wrapper": self = .shapeURLWithoutWrapper
    case "shape-content-image-url": self = .shapeContentImageURL
    case "shape-inline-data": self = .shapeInlineData
    case "shape-image-data": self = .shapeImageData
    case "shape-data-url-in-content": self = .shapeDataURLInContent
    case "shape-remote-url": self = .shapeRemoteURL
    case "preview-final": self = .previewFinal
    case "jpeg": self = .jpeg
    case "large": self = .large
    case "close-mid-body": self = .closeMidBody
    case "stall": self = .stall
    case "402-in-flight": self = .inFlightBudget
    case "403-key-limit": self = .keyLimit
    case "404-routing-funnel": self = .routingFunnel
    case "429-daily": self = .dailyCap
    case "cache-hit": self = .cacheHit
    case "cache-miss": self = .cacheMiss
    case "byok": self = .byok
    default:
      guard let code = Int(name), (400...599).contains(code) else { return nil }
      self = .status(code)
    }
  }

  /// The names `--mode` accepts, for help and error messages.
  static let names: [String] = [
    "ok", "402", "402-string-code", "403-moderation", "error-in-200", "choice-error", "refusal", "text-only",
    "shape-bare-string", "shape-url-without-wrapper", "shape-content-image-url", "shape-inline-data",
    "shape-image-data", "shape-data-url-in-content", "shape-remote-url", "preview-final", "jpeg", "large",
    "close-mid-body", "stall", "402-in-flight", "403-key-limit", "404-routing-funnel", "429-daily", "cache-hit", "cache-miss",
    "byok", "<any HTTP status 400-599, e.g. 429, 500, 502, 503, 524, 529>",
  ]

  /// The response-cache headers a success in this mode carries (none unless `cache-hit` / `cache-miss`).
  var cacheHeaders: [(String, String)] {
    switch self {
    case .cacheHit: return [("X-OpenRouter-Cache-Status", "HIT"), ("X-OpenRouter-Cache-TTL", "300")]
    case .cacheMiss: return [("X-OpenRouter-Cache-Status", "MISS"), ("X-OpenRouter-Cache-TTL", "300")]
    default: return []
    }
  }

  /// `usage` for a success in this mode: `usage` itself, zeroed for a cache hit, split into fee
  /// and upstream cost for BYOK.
  func usage(_ usage: JSONValue) -> JSONValue {
    guard case .object(let members) = usage else { return usage }
    switch self {
    case .cacheHit:
      return .object(members.map { key, value in
        switch key {
        case "is_byok": return (key, value)
        case "cost": return (key, .double(0))
        case "completion_tokens_details": return (key, ["reasoning_tokens": 0, "image_tokens": 0])
        case "prompt_tokens_details": return (key, ["cached_tokens": 0])
        default: return (key, .int(0))
        }
      })
    case .byok:
      let upstream = members.first { $0.0 == "cost" }?.1.doubleValue ?? 0
      var changed = members.filter { $0.0 != "cost" && $0.0 != "is_byok" }
      changed.append(("cost", .double((upstream * 0.05 * 1e9).rounded() / 1e9)))
      changed.append(("is_byok", true))
      changed.append(("cost_details", ["upstream_inference_cost": .double(upstream)]))
      return .object(changed)
    default:
      return usage
    }
  }

  /// The mode named by the first `[mock:NAME]` directive in `prompt`, if any.
  static func directive(in prompt: String) -> MockMode? {
    var rest = Substring(prompt)
    while let start = rest.range(of: "[mock:") {
      let after = rest[start.upperBound...]
      guard let end = after.firstIndex(of: "]") else { return nil }
      if let mode = MockMode(name: after[..<end].trimmingCharacters(in: .whitespaces)) { return mode }
      rest = after[end...]
    }
    return nil
  }
}
