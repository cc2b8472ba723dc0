import Foundation

extension OpenRouterError {
  /// Longest wait until a rate limit resets that is still worth retrying for; a cap further away
  /// (a daily cap) fails the job at once.
  static let longestResetWait: Double = 600

  /// The error with what its response headers and typed metadata say about it: whether to retry
  /// and the fix, for the cases OpenRouter documents.
  ///
  /// - 402 in-flight budget (`in_flight_budget_exhausted`, `limit_source: openrouter_in_flight_budget`):
  ///   transient, retried after its `Retry-After`.
  /// - 403 key limit ("Key limit exceeded", `limit_source: openrouter_key_limit`): the key's credit limit.
  /// - 404 routing funnel with a failed output-modalities step on chat: use the Image API.
  /// - 429 with `X-RateLimit-Remaining: 0` and a reset further away than `longestResetWait` (or
  ///   `longestWait` when larger): not retried; the reset time is given.
  /// - 413 "Downloaded image content cannot exceed 30MB": the baseline URL's image is too large.
  /// - 401: the key.
  ///
  /// - Parameters:
  ///   - headers: the response headers, lower-cased names.
  ///   - transport: the endpoint the request went to.
  ///   - now: the current time.
  ///   - longestWait: the retry policy's longest wait in seconds.
  func advised(headers: [String: String], transport: Transport, now: Date, longestWait: Double) -> OpenRouterError {
    var error = self
    let text = (message + " " + (raw ?? "")).lowercased()
    switch status {
    case 401:
      error.advice = "check OPENROUTER_API_KEY (a key from https://openrouter.ai/settings/keys)"
    case 402 where errorType == "in_flight_budget_exhausted" || limitSource == "openrouter_in_flight_budget" || text.contains("in-flight"):
      error.retryable = true
      let wait = RetryPolicy.serverDelay(headers: headers, now: now).map { " (Retry-After \(JSONWriter.formatDouble($0))s)" } ?? ""
      error.advice = "too many paid requests in flight for your balance\(wait): retried; lower --concurrency or add credits"
    case 403 where limitSource == "openrouter_key_limit" || text.contains("key limit exceeded"):
      let reset = resetsAt.map { " or wait for its reset at \($0)" } ?? " or wait for its reset"
      error.advice = "this API key's credit limit is spent: raise the key's limit at https://openrouter.ai/settings/keys\(reset)"
    case 404 where failedRoutingStep != nil || text.contains("no endpoints found that support the requested output modalities"):
      if transport == .chat, text.contains("output modalities") || (failedRoutingStep ?? "").lowercased().contains("modalit") {
        error.advice = "this model has no chat endpoint that returns images: use --transport images (the Image API)"
      } else {
        error.advice = "no provider endpoint of this model accepts the request; try another model"
      }
    case 413 where text.contains("downloaded image"):
      error.advice = "the baseline image URL serves more than OpenRouter downloads (30 MB): use a smaller image"
    case 429:
      guard headers["x-ratelimit-remaining"]?.trimmingCharacters(in: .whitespaces) == "0",
        let reset = headers["x-ratelimit-reset"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) })
      else { break }
      let resetDate = Date(timeIntervalSince1970: reset > 1e11 ? reset / 1000 : reset)
      let seconds = resetDate.timeIntervalSince(now)
      guard seconds > max(Self.longestResetWait, longestWait) else { break }
      error.retryable = false
      error.advice =
        "request cap reached; it resets at \(Self.utc(resetDate)) (in \(Self.span(seconds))): not retried; "
        + "wait, or add credits / use a paid model"
    default:
      break
    }
    return error
  }

  /// `2026-09-21T00:00:00Z`.
  static func utc(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
    return formatter.string(from: date)
  }

  /// `5h 12m`, `42m`.
  static func span(_ seconds: Double) -> String {
    let minutes = Int((seconds / 60).rounded(.up))
    return minutes >= 60 ? "\(minutes / 60)h \(minutes % 60)m" : "\(minutes)m"
  }
}
