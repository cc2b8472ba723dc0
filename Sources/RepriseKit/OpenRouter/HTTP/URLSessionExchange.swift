import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `HTTPExchange` on URLSession: a new ephemeral session per request (no cookies, no cache).
struct URLSessionExchange: Sendable {
  /// Per-request timeout in seconds.
  let timeout: TimeInterval
  /// Largest body accepted.
  let maxBodyBytes: Int

  /// The request's reply with the body in memory.
  func send(method: String, url: URL, headers: [String: String], body: Data?) async throws -> HTTPReply {
    let session = URLSession(configuration: sessionConfiguration())
    defer { session.finishTasksAndInvalidate() }
    let (data, response) = try await session.data(for: request(method: method, url: url, headers: headers, body: body))
    guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
    if data.count > maxBodyBytes {
      throw URLError(
        .dataLengthExceedsMaximum,
        userInfo: [
          NSLocalizedDescriptionKey: "the response body is larger than \(OpenRouterConfiguration.mebibytes(maxBodyBytes)) MiB (REPRISE_MAX_RESPONSE_MB)"
        ])
    }
    return HTTPReply(status: http.statusCode, headers: Self.loweredHeaders(http), body: data)
  }

  /// The request's status and headers, its body appended to the open file `fd`; returns the size.
  func send(method: String, url: URL, headers: [String: String], body: Data?, into fd: Int32) async throws -> (
    status: Int, headers: [String: String], size: Int
  ) {
    let delegate = BodyFileDelegate(fd: fd, limit: maxBodyBytes)
    let session = URLSession(configuration: sessionConfiguration(), delegate: delegate, delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    let task = session.dataTask(with: request(method: method, url: url, headers: headers, body: body))
    let (http, size) = try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        delegate.wait(continuation)
        task.resume()
      }
    } onCancel: {
      task.cancel()
    }
    return (http.statusCode, Self.loweredHeaders(http), size)
  }

  private func request(method: String, url: URL, headers: [String: String], body: Data?) -> URLRequest {
    var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    request.httpBody = body
    return request
  }

  private func sessionConfiguration() -> URLSessionConfiguration {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = timeout
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    return configuration
  }

  private static func loweredHeaders(_ http: HTTPURLResponse) -> [String: String] {
    var lowered: [String: String] = [:]
    for (key, value) in http.allHeaderFields {
      if let k = key as? String, let v = value as? String { lowered[k.lowercased()] = v }
    }
    return lowered
  }
}
