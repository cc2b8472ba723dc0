import Foundation

/// Connection settings read from the environment. The key is held here and only ever placed in
/// the `Authorization` header; `description` never shows it.
public struct OpenRouterConfiguration: Sendable, CustomStringConvertible {
  /// The default API base URL.
  public static let defaultBaseURL = "https://openrouter.ai/api/v1"

  /// API base URL without a trailing slash, e.g. `https://openrouter.ai/api/v1`.
  public let baseURL: String
  /// `OPENROUTER_API_KEY`, or nil when unset or blank.
  public let apiKey: String?
  /// `OPENROUTER_APP_URL`, sent as `HTTP-Referer`.
  public let appURL: String?
  /// `OPENROUTER_APP_TITLE`, sent as `X-OpenRouter-Title` and `X-Title`.
  public let appTitle: String?
  /// `OPENROUTER_DEBUG` is set to something other than `0`/empty.
  public let debug: Bool
  /// `REPRISE_MAX_RESPONSE_MB` (default 160): the largest response body accepted. A 4K PNG can
  /// be about 50 MB, 67 MB as base64; a response holding it and a full-size preview is about
  /// 134 MB of JSON. Bodies and images stream to disk, so the cap bounds disk use, not memory.
  public static let defaultMaxResponseBytes = 160 * 1_048_576
  /// `REPRISE_MAX_RESPONSE_MB` (default 160, `defaultMaxResponseBytes`): the largest response body accepted.
  public var maxResponseBytes: Int = OpenRouterConfiguration.defaultMaxResponseBytes
  /// Why `REPRISE_MAX_RESPONSE_MB` is unusable (it is set but not a positive number of MiB up to
  /// 4096), or nil. Commands that send requests refuse to run with it (exit 64).
  public private(set) var maxResponseProblem: String?

  /// Settings as given.
  public init(baseURL: String = OpenRouterConfiguration.defaultBaseURL, apiKey: String?, appURL: String? = nil, appTitle: String? = nil, debug: Bool = false) {
    var base = baseURL
    while base.hasSuffix("/") { base.removeLast() }
    self.baseURL = base
    self.apiKey = apiKey
    self.appURL = appURL
    self.appTitle = appTitle
    self.debug = debug
  }

  /// Reads `OPENROUTER_BASE_URL`, `OPENROUTER_API_KEY`, `OPENROUTER_APP_URL`,
  /// `OPENROUTER_APP_TITLE`, `OPENROUTER_DEBUG` and `REPRISE_MAX_RESPONSE_MB` (a bad value is kept
  /// out and reported by `maxResponseProblem`).
  public init(environment: [String: String]) {
    func value(_ name: String) -> String? {
      guard let v = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
      return v
    }
    let debugValue = value("OPENROUTER_DEBUG")?.lowercased()
    self.init(
      baseURL: value("OPENROUTER_BASE_URL") ?? OpenRouterConfiguration.defaultBaseURL,
      apiKey: value("OPENROUTER_API_KEY"), appURL: value("OPENROUTER_APP_URL"), appTitle: value("OPENROUTER_APP_TITLE"),
      debug: debugValue != nil && debugValue != "0" && debugValue != "false")
    if let text = value("REPRISE_MAX_RESPONSE_MB") {
      if text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let mb = Double(text), mb > 0, mb <= 4096, Int(mb * 1_048_576) >= 1 {
        maxResponseBytes = Int(mb * 1_048_576)
      } else {
        maxResponseProblem = "REPRISE_MAX_RESPONSE_MB '\(text)' is not accepted: use a positive number of MiB up to 4096, such as 160 (the default when unset)"
      }
    }
  }

  /// `bytes` in MiB for messages: `64`, or `0.5` when not a whole number.
  public static func mebibytes(_ bytes: Int) -> String {
    bytes % 1_048_576 == 0 ? String(bytes / 1_048_576) : String(format: "%.3g", Double(bytes) / 1_048_576)
  }

  /// Why the base URL is unusable, or nil when it is a well-formed http(s) URL.
  public var baseURLProblem: String? {
    guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
      let host = url.host, !host.isEmpty
    else {
      return "OPENROUTER_BASE_URL '\(baseURL)' is not an http(s) URL (default \(OpenRouterConfiguration.defaultBaseURL))"
    }
    if url.query != nil || url.fragment != nil { return "OPENROUTER_BASE_URL '\(baseURL)' must not have a query or fragment" }
    return nil
  }

  /// The URL for `path` (e.g. `/chat/completions`) below the base.
  public func url(_ path: String) -> URL? { URL(string: baseURL + path) }

  /// Headers for an OpenRouter request (the key included).
  func headers(json: Bool) -> [String: String] {
    var headers: [String: String] = ["Accept": "application/json", "User-Agent": "reprise"]
    if json { headers["Content-Type"] = "application/json" }
    if let apiKey { headers["Authorization"] = "Bearer " + apiKey }
    if let appURL { headers["HTTP-Referer"] = appURL }
    if let appTitle {
      headers["X-OpenRouter-Title"] = appTitle
      headers["X-Title"] = appTitle
    }
    return headers
  }

  public var description: String {
    "OpenRouterConfiguration(baseURL: \(baseURL), apiKey: \(apiKey == nil ? "unset" : "set"), debug: \(debug))"
  }
}
