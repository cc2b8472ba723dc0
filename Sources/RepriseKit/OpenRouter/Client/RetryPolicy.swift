import Foundation

/// When and how long to wait before retrying: exponential backoff with full jitter, unless the
/// server says how long (`Retry-After` in seconds or as an HTTP date, `X-RateLimit-Reset` in epoch
/// milliseconds, or `availability.retry_after`).
public struct RetryPolicy: Sendable {
  /// Retries after the first attempt (`--max-retries`, default 4).
  public let maxRetries: Int
  /// First backoff ceiling in seconds.
  public let baseDelay: Double
  /// Largest wait in seconds.
  public let maxDelay: Double

  /// A policy as given.
  public init(maxRetries: Int = 4, baseDelay: Double = 1, maxDelay: Double = 60) {
    self.maxRetries = maxRetries
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
  }

  /// The wait before retry number `retry` (1-based) of a failed attempt.
  /// - Parameters:
  ///   - headers: the failed response's headers (lower-cased), if any.
  ///   - hinted: a delay the error body asked for.
  ///   - now: the current time (for `X-RateLimit-Reset` and HTTP dates).
  ///   - random: a number in 0..<1 for the jitter.
  public func delay(retry: Int, headers: [String: String], hinted: Double?, now: Date, random: Double) -> Double {
    if let server = RetryPolicy.serverDelay(headers: headers, now: now) ?? hinted {
      return min(max(0, server), maxDelay)
    }
    let ceiling = min(maxDelay, baseDelay * pow(2, Double(retry - 1)))
    return ceiling * random
  }

  /// The delay the server asked for, if any.
  public static func serverDelay(headers: [String: String], now: Date) -> Double? {
    if let retryAfter = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) {
      if let seconds = Double(retryAfter), seconds.isFinite { return max(0, seconds) }
      if let date = httpDate(retryAfter) { return max(0, date.timeIntervalSince(now)) }
    }
    if let reset = headers["x-ratelimit-reset"], let value = Double(reset.trimmingCharacters(in: .whitespaces)) {
      // Epoch milliseconds (OpenRouter); tolerate epoch seconds.
      let epochSeconds = value > 1e11 ? value / 1000 : value
      return max(0, epochSeconds - now.timeIntervalSince1970)
    }
    return nil
  }

  /// Parses an RFC 7231 IMF-fixdate such as `Wed, 21 Oct 2026 07:28:00 GMT`.
  static func httpDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    return formatter.date(from: text)
  }
}
