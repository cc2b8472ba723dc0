extension OpenRouterError {
  /// Builds an error from the `error` member of OpenRouter's envelope
  /// `{"error":{"code","message","metadata"},"user_id"}`.
  ///
  /// - Parameters:
  ///   - error: the `error` member (an object, or a bare string from a proxy).
  ///   - status: the HTTP status of the response.
  ///   - insideSuccess: true for an error inside a 2xx body: then the error's own code decides
  ///     whether it is retryable, not the HTTP status.
  ///   - fallbackProvider: the response's top-level `provider`, used when the metadata names none.
  init(envelope error: JSONValue, status: Int, insideSuccess: Bool, fallbackProvider: String? = nil) {
    guard case .object(let members) = error else {
      let text = error.stringValue ?? JSONWriter.canonicalString(error)
      self.init(
        status: status, code: nil, message: text.isEmpty ? "HTTP \(status)" : text, errorType: nil,
        providerName: fallbackProvider, raw: nil, retryable: !insideSuccess && Self.isRetryableStatus(status),
        retryAfterSeconds: nil)
      return
    }
    let metadata = members["metadata"]?.objectValue ?? [:]
    let availability = members["availability"]?.objectValue ?? [:]
    let code = Self.renderCode(members["code"])
    let message: String
    switch members["message"] {
    case .string(let text) where !text.isEmpty: message = text
    case .some(let value) where !value.isNull: message = JSONWriter.canonicalString(value)
    default: message = "HTTP \(status)" + (code.map { " (code \($0))" } ?? "")
    }
    let errorType = metadata["error_type"]?.stringValue ?? members["error_type"]?.stringValue
      ?? availability["code"]?.stringValue
    var raw: String?
    switch metadata["raw"] {
    case .none, .some(.null): raw = nil
    case .some(.string(let text)): raw = String(text.prefix(500))
    case .some(let value): raw = String(JSONWriter.canonicalString(value).prefix(500))
    }
    let retryableByCode: Bool
    if insideSuccess {
      let numeric = members["code"]?.intValue ?? code.flatMap { Int64($0) } ?? members["http_status"]?.intValue
      retryableByCode = numeric.map { Self.isRetryableStatus(Int($0)) } ?? false
    } else {
      retryableByCode = Self.isRetryableStatus(status)
    }
    self.init(
      status: status, code: code, message: message, errorType: errorType,
      providerName: metadata["provider_name"]?.stringValue ?? fallbackProvider, raw: raw,
      retryable: retryableByCode || availability["retryable"]?.boolValue == true,
      retryAfterSeconds: availability["retry_after"]?.doubleValue)
    limitSource = metadata["limit_source"]?.stringValue
    resetsAt = metadata["resets_at"]?.stringValue
    failedRoutingStep = metadata["failed_routing_step"]?.stringValue
    if failedRoutingStep == nil, let funnel = metadata["routing_funnel"]?.arrayValue, case .object(let last)? = funnel.last {
      failedRoutingStep = last["step"]?.stringValue.map { "after \($0)" }
    }
    previousErrors = Self.previous(metadata["previous_errors"], besides: [message, raw].compactMap { $0 })
  }

  /// The `previous_errors` entries whose message differs from `known`, as `Provider 429: message`,
  /// each once, at most three.
  static func previous(_ value: JSONValue?, besides known: [String]) -> [String] {
    var seen = Set(known)
    var lines: [String] = []
    for entry in value?.arrayValue ?? [] {
      guard case .object(let members) = entry else { continue }
      let message = members["message"]?.stringValue ?? members["raw"]?.stringValue ?? ""
      guard !message.isEmpty, seen.insert(message).inserted else { continue }
      let who = [members["provider"]?.stringValue ?? members["provider_name"]?.stringValue, renderCode(members["code"] ?? members["status"])]
        .compactMap { $0 }.joined(separator: " ")
      lines.append(TextSnippet.collapsed(who.isEmpty ? message : "\(who): \(message)", limit: 120))
      if lines.count == 3 { break }
    }
    return lines
  }

  /// `error.code` as a string: numbers as written, strings as given; nil when absent or null.
  static func renderCode(_ value: JSONValue?) -> String? {
    switch value {
    case .some(.int(let i)): return String(i)
    case .some(.double(let d)): return JSONWriter.formatDouble(d)
    case .some(.string(let s)): return s
    case .some(.bool(let b)): return String(b)
    default: return nil
    }
  }

  /// reprise's own error for a 2xx response it cannot use.
  static func unusable(status: Int, code: String, message: String, errorType: String? = nil) -> OpenRouterError {
    OpenRouterError(
      status: status, code: code, message: message, errorType: errorType, providerName: nil, raw: nil,
      retryable: false, retryAfterSeconds: nil)
  }
}
