import Foundation

/// The budget and routing refusals OpenRouter documents, one per `MockMode`.
extension OpenRouterErrors {
  /// The refusal a limit mode answers every generation request with, or nil for other modes.
  static func limit(_ mode: MockMode, retryAfter: Int, now: Date = Date()) -> HTTPResponse? {
    switch mode {
    case .inFlightBudget: return inFlightBudget(retryAfter: retryAfter)
    case .keyLimit: return keyLimit(resetsAt: now.addingTimeInterval(3 * 86400))
    case .routingFunnel: return noEndpoints(modalities: ["image", "text"])
    case .dailyCap: return dailyCap(reset: now.addingTimeInterval(6 * 3600))
    default: return nil
    }
  }

  /// 402: the running paid requests fill the in-flight budget; transient, with `Retry-After`.
  static func inFlightBudget(retryAfter: Int) -> HTTPResponse {
    .json(
      402,
      [
        "error": [
          "code": 402,
          "message": "In-flight spending budget exhausted: your running paid requests already fill it. Retry after the Retry-After interval.",
          "metadata": ["error_type": "in_flight_budget_exhausted", "limit_source": "openrouter_in_flight_budget", "provider_name": nil],
        ],
        "user_id": "user_mock",
      ],
      headers: [("Retry-After", String(retryAfter))])
  }

  /// 403: the key's own credit limit is spent; no `Retry-After` (the reset is days away).
  static func keyLimit(resetsAt: Date) -> HTTPResponse {
    .json(
      403,
      [
        "error": [
          "code": 403,
          "message": "Key limit exceeded",
          "metadata": [
            "limit_source": "openrouter_key_limit", "scope": "key", "limit_usd": 5, "spend_usd": .double(5.0123),
            "resets_at": .string(isoDate(resetsAt)),
          ],
        ],
        "user_id": "user_mock",
      ])
  }

  /// 429: the free-model daily cap, `X-RateLimit-Remaining: 0` and a reset hours away.
  static func dailyCap(reset: Date) -> HTTPResponse {
    let resetMS = String(Int64(reset.timeIntervalSince1970 * 1000))
    let limits: JSONValue = ["X-RateLimit-Limit": "50", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": .string(resetMS)]
    return .json(
      429,
      [
        "error": [
          "code": 429,
          "message": "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day",
          "metadata": ["headers": limits, "provider_name": nil, "limit_source": "openrouter_free_tier_daily"],
        ],
        "user_id": "user_mock",
      ],
      headers: [("X-RateLimit-Limit", "50"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", resetMS)])
  }

  /// `2026-09-24T10:00:00Z`.
  static func isoDate(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}
