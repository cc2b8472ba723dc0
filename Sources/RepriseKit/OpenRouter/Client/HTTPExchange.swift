import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One HTTP response as received.
package struct HTTPReply: Sendable {
  /// Status code.
  package let status: Int
  /// Headers with lower-cased names.
  package let headers: [String: String]
  /// The body bytes.
  package let body: Data
}

/// Sends one HTTP request, on libcurl (Linux default: one long-lived multi handle driven from one
/// thread, with connection reuse and no CPU while waiting) or URLSession (elsewhere, when libcurl
/// cannot be loaded, or with `REPRISE_HTTP=urlsession`). Both give the same status, lower-cased
/// headers and body bytes, follow redirects, and fail with the same `URLError` codes.
package struct HTTPExchange: Sendable {
  /// Per-request timeout in seconds (the whole transfer).
  package let timeout: TimeInterval

  /// Largest response body accepted; larger ones are cut off with
  /// `URLError(.dataLengthExceedsMaximum)`.
  package let maxBodyBytes: Int

  /// The implementation that sends the requests.
  package let backend: HTTPBackend

  /// An exchange with a timeout and a body cap (default 160 MiB, as `REPRISE_MAX_RESPONSE_MB`).
  /// - Parameter backend: the implementation to use (default `HTTPBackend.selected`); `curl` where
  ///   libcurl cannot be loaded means URLSession.
  package init(timeout: TimeInterval, maxBodyBytes: Int = OpenRouterConfiguration.defaultMaxResponseBytes, backend: HTTPBackend? = nil) {
    self.timeout = timeout
    self.maxBodyBytes = maxBodyBytes
    self.backend = backend.map(HTTPBackend.resolve) ?? HTTPBackend.selected
  }

  /// Sends the request and returns the body in memory (for small bodies); a transport failure
  /// throws `URLError` (`.cancelled` when the task is cancelled).
  package func send(method: String, url: URL, headers: [String: String], body: Data?) async throws -> HTTPReply {
    if case .curl = backend, case .success(let multi) = CurlMulti.shared {
      let request = CurlRequest(method: method, url: url, headers: headers, body: body, timeout: timeout, maxBodyBytes: maxBodyBytes, sink: .memory)
      let response = try await multi.perform(request)
      return HTTPReply(status: response.status, headers: response.headers, body: response.body)
    }
    return try await URLSessionExchange(timeout: timeout, maxBodyBytes: maxBodyBytes).send(method: method, url: url, headers: headers, body: body)
  }

  /// Sends the request and receives the body into a temporary file in the system temporary folder,
  /// chunk by chunk as it arrives, so a large body is never in memory; `consume` reads it. The file
  /// is unlinked as soon as it is created and only its descriptor is kept, so it disappears when the
  /// descriptor is closed (after `consume` returns or throws, or when the transfer fails) and even
  /// when the process is killed.
  /// - Throws: `URLError` for a transport failure (`.cancelled` when the task is cancelled), or
  ///   what `consume` throws.
  /// - Parameter reusingSpool: `consume` keeps no descriptor of the file (no `dup`): the file is
  ///   then emptied and kept for the next response (`ResponseSpools`) instead of closed.
  package func send<T>(
    method: String, url: URL, headers: [String: String], body: Data?, reusingSpool: Bool = false, receiving consume: (HTTPFileReply) throws -> T
  ) async throws -> T {
    if Task.isCancelled { throw URLError(.cancelled) }
    let folder = FileManager.default.temporaryDirectory.path
    let fd: Int32
    do { fd = try ResponseSpools.shared.take(folder: folder) } catch {
      throw URLError(.cannotCreateFile, userInfo: [NSLocalizedDescriptionKey: "cannot create a temporary file for the response in \(folder): \(error.reason)"])
    }
    // Given back only after a curl transfer, which has stopped writing when `perform` returns
    // or throws; URLSession's delegate may still be writing after a cancellation.
    var reuse = reusingSpool
    defer { if reuse { ResponseSpools.shared.give(fd) } else { close(fd) } }
    if case .curl = backend, case .success(let multi) = CurlMulti.shared {
      let request = CurlRequest(method: method, url: url, headers: headers, body: body, timeout: timeout, maxBodyBytes: maxBodyBytes, sink: .file(fd))
      let response = try await multi.perform(request)
      return try consume(HTTPFileReply(status: response.status, headers: response.headers, bodyFile: fd, bodySize: response.bodySize))
    }
    reuse = false
    let (status, replyHeaders, size) = try await URLSessionExchange(timeout: timeout, maxBodyBytes: maxBodyBytes).send(
      method: method, url: url, headers: headers, body: body, into: fd)
    return try consume(HTTPFileReply(status: status, headers: replyHeaders, bodyFile: fd, bodySize: size))
  }
}
