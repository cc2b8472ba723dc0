import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One HTTP response as received.
public struct HTTPReply: Sendable {
  /// Status code.
  public let status: Int
  /// Headers with lower-cased names.
  public let headers: [String: String]
  /// The body bytes.
  public let body: Data
}

/// Sends one HTTP request with URLSession (FoundationNetworking on Linux).
public struct HTTPExchange: Sendable {
  /// Per-request timeout in seconds.
  public let timeout: TimeInterval

  /// An exchange with a timeout.
  public init(timeout: TimeInterval) { self.timeout = timeout }

  /// Sends the request; a transport failure throws `URLError`.
  public func send(method: String, url: URL, headers: [String: String], body: Data?) async throws -> HTTPReply {
    var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    request.httpBody = body
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = timeout
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    let (data, response) = try await session.data(for: request)
    guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
    var lowered: [String: String] = [:]
    for (key, value) in http.allHeaderFields {
      if let k = key as? String, let v = value as? String { lowered[k.lowercased()] = v }
    }
    return HTTPReply(status: http.statusCode, headers: lowered, body: data)
  }
}
