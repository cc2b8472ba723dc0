/// A failed OpenRouter request: an HTTP error, an error inside a 200 body, a response without a
/// usable image, or a transport failure. Carries what the user needs to act and whether a retry may help.
public struct OpenRouterError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The HTTP status; 200 for errors inside a 200 body; 0 for transport errors.
  public let status: Int
  /// `error.code` as given (number or string), rendered as a string; or reprise's own code
  /// (`no_image`, `invalid_image`, `invalid_response`).
  public let code: String?
  /// The message from the response, or reprise's description of the problem.
  public let message: String
  /// The typed cause: `metadata.error_type`, `error.error_type` or `availability.code`
  /// (for `no_image`, the native finish reason).
  public let errorType: String?
  /// `metadata.provider_name`.
  public let providerName: String?
  /// `metadata.raw`, the provider's own error text (at most 500 characters).
  public let raw: String?
  /// Whether retrying the same request may succeed.
  public internal(set) var retryable: Bool
  /// `error.availability.retry_after`, in seconds.
  public let retryAfterSeconds: Double?
  /// `metadata.limit_source`: which budget or cap refused the request (e.g. `openrouter_in_flight_budget`,
  /// `openrouter_key_limit`, `openrouter_free_tier_daily`).
  public internal(set) var limitSource: String?
  /// `metadata.resets_at`: when a spent budget resets, as OpenRouter wrote it.
  public internal(set) var resetsAt: String?
  /// `metadata.failed_routing_step`: the routing step that left no endpoint (404 routing funnel).
  public internal(set) var failedRoutingStep: String?
  /// `metadata.previous_errors` that say more than `message`: `provider code: message`, distinct, in order.
  public internal(set) var previousErrors: [String] = []
  /// What to do about it, ending the one-line `description`; nil when there is nothing specific.
  public internal(set) var advice: String?

  /// An error with every field given.
  public init(
    status: Int, code: String?, message: String, errorType: String?, providerName: String?, raw: String?,
    retryable: Bool, retryAfterSeconds: Double?
  ) {
    self.status = status
    self.code = code
    self.message = message
    self.errorType = errorType
    self.providerName = providerName
    self.raw = raw
    self.retryable = retryable
    self.retryAfterSeconds = retryAfterSeconds
  }

  /// Longest `description` before the advice, in characters.
  static let descriptionLimit = 300

  /// One line for the user, at most ~300 characters, e.g.
  /// `OpenRouter 402 (credits): This request requires more credits… [provider: Google]`.
  public var description: String {
    var head = status == 0 ? "OpenRouter" : "OpenRouter \(status)"
    let tag = self.tag
    if !tag.isEmpty { head += " (\(TextSnippet.collapsed(tag, limit: 80)))" }
    head += ": "
    var body = message
    if let raw, !raw.isEmpty, raw != message { body += ": " + raw }
    if let failedRoutingStep, !failedRoutingStep.isEmpty { body += " (failed routing step: \(failedRoutingStep))" }
    if !previousErrors.isEmpty { body += " (earlier: " + previousErrors.joined(separator: "; ") + ")" }
    var suffix = providerName.map { " [provider: \(TextSnippet.collapsed($0, limit: 60))]" } ?? ""
    if let advice, !advice.isEmpty { suffix += " - " + TextSnippet.collapsed(advice, limit: 200) }
    let room = max(40, Self.descriptionLimit - head.count - suffix.count)
    return head + TextSnippet.collapsed(body, limit: room) + suffix
  }

  /// The parenthesised part of `description`.
  private var tag: String {
    if status == 0 || (200..<300).contains(status) {
      var parts: [String] = []
      for part in [code, errorType].compactMap({ $0 }) where !part.isEmpty && !parts.contains(part) { parts.append(part) }
      return parts.joined(separator: ", ")
    }
    if let errorType, !errorType.isEmpty { return errorType }
    if let label = Self.statusLabel(status) { return label }
    if let code, code != String(status) { return code }
    return ""
  }

  /// The error as JSON for results files:
  /// `{"status","code","message","error_type","retryable","provider_name","raw"}`, nulls explicit.
  public var json: JSONValue {
    .object([
      "status": .int(Int64(status)),
      "code": .optional(code),
      "message": .string(message),
      "error_type": .optional(errorType),
      "retryable": .bool(retryable),
      "provider_name": .optional(providerName),
      "raw": .optional(raw),
    ])
  }

  /// Whether an HTTP status is worth retrying: 408, 429, 500, 502, 503, 524, 529.
  public static func isRetryableStatus(_ status: Int) -> Bool {
    [408, 429, 500, 502, 503, 524, 529].contains(status)
  }

  /// A short word for a status, used when the body gives no error type.
  static func statusLabel(_ status: Int) -> String? {
    switch status {
    case 400: return "bad request"
    case 401: return "unauthorized"
    case 402: return "credits"
    case 403: return "forbidden"
    case 404: return "not found"
    case 408, 504, 524: return "timeout"
    case 413: return "payload too large"
    case 422: return "unprocessable"
    case 429: return "rate limited"
    case 500: return "server error"
    case 502: return "provider error"
    case 503: return "unavailable"
    case 529: return "overloaded"
    default: return nil
    }
  }
}
