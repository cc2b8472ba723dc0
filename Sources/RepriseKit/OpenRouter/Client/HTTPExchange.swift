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
  /// Largest response body accepted into a file (`send(...receiving:)`); larger ones are cut off
  /// with `URLError(.dataLengthExceedsMaximum)`.
  public let maxBodyBytes: Int

  /// An exchange with a timeout and a body cap (default 64 MiB).
  public init(timeout: TimeInterval, maxBodyBytes: Int = 64 * 1_048_576) {
    self.timeout = timeout
    self.maxBodyBytes = maxBodyBytes
  }

  /// Sends the request and returns the body in memory (for small bodies); a transport failure
  /// throws `URLError`.
  public func send(method: String, url: URL, headers: [String: String], body: Data?) async throws -> HTTPReply {
    let session = URLSession(configuration: sessionConfiguration())
    defer { session.finishTasksAndInvalidate() }
    let (data, response) = try await session.data(for: request(method: method, url: url, headers: headers, body: body))
    guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
    if data.count > maxBodyBytes {
      throw URLError(.dataLengthExceedsMaximum, userInfo: [NSLocalizedDescriptionKey: "the response body is larger than \(OpenRouterConfiguration.mebibytes(maxBodyBytes)) MiB (REPRISE_MAX_RESPONSE_MB)"])
    }
    return HTTPReply(status: http.statusCode, headers: Self.loweredHeaders(http), body: data)
  }

  /// Sends the request and receives the body into a temporary file in the system temporary folder,
  /// chunk by chunk as it arrives, so a large body is never in memory; `consume` reads it. The file
  /// is unlinked as soon as it is created and only its descriptor is kept, so it disappears when the
  /// descriptor is closed (after `consume` returns or throws, or when the transfer fails) and even
  /// when the process is killed.
  /// - Throws: `URLError` for a transport failure (`.cancelled` when the task is cancelled), or
  ///   what `consume` throws.
  public func send<T>(method: String, url: URL, headers: [String: String], body: Data?, receiving consume: (HTTPFileReply) throws -> T) async throws -> T {
    if Task.isCancelled { throw URLError(.cancelled) }
    let folder = FileManager.default.temporaryDirectory.path
    let created: (descriptor: Int32, path: String)
    do { created = try Platform.makeTemporaryFile("\(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)/reprise-response-XXXXXX") } catch {
      throw URLError(.cannotCreateFile, userInfo: [NSLocalizedDescriptionKey: "cannot create a temporary file for the response in \(folder): \(error.reason)"])
    }
    let fd = created.descriptor
    unlink(created.path)
    defer { close(fd) }
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
    return try consume(HTTPFileReply(status: http.statusCode, headers: Self.loweredHeaders(http), bodyFile: fd, bodySize: size))
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
