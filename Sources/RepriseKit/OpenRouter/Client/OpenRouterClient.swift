import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Sends image requests to OpenRouter with retries, and fetches remote images. Never logs or
/// returns the API key; debug lines carry method, path, status, latency, attempt and generation id.
public struct OpenRouterClient: Sendable {
  /// Connection settings.
  public let configuration: OpenRouterConfiguration
  /// Retry behaviour.
  public let policy: RetryPolicy
  /// Per-request timeout in seconds.
  public let timeout: TimeInterval
  /// Where debug lines go (stderr in the CLI).
  public let debugSink: @Sendable (String) -> Void

  /// A client as given.
  public init(
    configuration: OpenRouterConfiguration, policy: RetryPolicy = RetryPolicy(), timeout: TimeInterval = 300,
    debugSink: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.configuration = configuration
    self.policy = policy
    self.timeout = timeout
    self.debugSink = debugSink
  }

  /// Sends one job's exact body bytes to the transport's endpoint, retrying what is retryable.
  /// - Parameter keepResponse: also return the redacted provider JSON.
  public func generate(body: [UInt8], transport: Transport, keepResponse: Bool = false) async -> GenerationCall {
    guard let url = configuration.url(transport.path) else {
      return failure(
        OpenRouterError(
          status: 0, code: "bad_base_url", message: configuration.baseURLProblem ?? "bad base URL", errorType: nil, providerName: nil, raw: nil,
          retryable: false, retryAfterSeconds: nil), attempts: 0, latency: 0)
    }
    let exchange = HTTPExchange(timeout: timeout, maxBodyBytes: configuration.maxResponseBytes)
    var attempt = 0
    var generator = SystemRandomNumberGenerator()
    if configuration.debug {
      debugSink("debug: \(HTTPBackend.selectionNote)")
      debugSink("debug: request body \(describeBody(body))")
    }
    while true {
      attempt += 1
      let started = DispatchTime.now()
      var headers: [String: String] = [:]
      let outcome: Result<GenerationResponse, OpenRouterError>
      var redacted: JSONValue?
      do {
        // The body streams to a temporary file and large base64 images are decoded out of it
        // chunk by chunk into temporary files of their own (hashed as they are written), so
        // neither the body nor an image is ever in memory whole.
        let (status, replyHeaders, json, blobs, fallback) = try await receive(exchange, url: url, body: body)
        headers = replyHeaders
        if let json {
          outcome = ResponseParser.parse(status: status, json: json, transport: transport, blobs: blobs).map { parsed in
            var response = parsed
            response.adopt(headers: replyHeaders)
            return response
          }.mapError { $0.advised(headers: replyHeaders, transport: transport, now: Date(), longestWait: policy.maxDelay) }
          if keepResponse || configuration.debug { redacted = ResponseRedactor.redact(json, blobs: blobs) }
        } else {
          outcome = ResponseParser.parse(status: status, body: fallback, transport: transport).mapError {
            $0.advised(headers: replyHeaders, transport: transport, now: Date(), longestWait: policy.maxDelay)
          }
        }
        let reply = (status: status, headers: replyHeaders)
        let latency = elapsedMS(since: started)
        if configuration.debug {
          let id = (try? outcome.get())?.generationID ?? headers["x-generation-id"] ?? "-"
          debugSink("debug: POST \(url.path) status=\(reply.status) latency=\(latency)ms attempt=\(attempt)/\(policy.maxRetries + 1) generation=\(id)")
          if let redacted { debugSink("debug: response body \(clip(JSONWriter.canonicalString(redacted)))") }
        }
      } catch {
        outcome = .failure(OpenRouterClient.transportError(error))
        if configuration.debug {
          debugSink(
            "debug: POST \(url.path) status=- latency=\(elapsedMS(since: started))ms attempt=\(attempt)/\(policy.maxRetries + 1) "
              + "error=\(OpenRouterClient.transportError(error).message)"
          )
        }
      }
      let latency = elapsedMS(since: started)
      switch outcome {
      case .success(let response):
        do {
          let images = try await fetchImages(response.images)
          return GenerationCall(
            result: .success(response), imageBytes: images, attempts: attempt, latencyMS: latency, redactedResponse: keepResponse ? redacted : nil)
        } catch let error as OpenRouterError {
          return GenerationCall(result: .failure(error), imageBytes: [], attempts: attempt, latencyMS: latency, redactedResponse: keepResponse ? redacted : nil)
        } catch {
          return failure(OpenRouterClient.transportError(error), attempts: attempt, latency: latency)
        }
      case .failure(let error):
        guard error.retryable, attempt <= policy.maxRetries, !Task.isCancelled else {
          return GenerationCall(result: .failure(error), imageBytes: [], attempts: attempt, latencyMS: latency, redactedResponse: keepResponse ? redacted : nil)
        }
        let wait = policy.delay(
          retry: attempt, headers: headers, hinted: error.retryAfterSeconds, now: Date(), random: Double.random(in: 0..<1, using: &generator))
        if configuration.debug {
          debugSink("debug: retrying in \(String(format: "%.2f", wait))s after \(error.status == 0 ? "network error" : "HTTP \(error.status)")")
        }
        try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
        if Task.isCancelled {
          return GenerationCall(result: .failure(error), imageBytes: [], attempts: attempt, latencyMS: latency, redactedResponse: nil)
        }
      }
    }
  }

  /// Sends the request, receiving the body into a temporary file (gone before this returns),
  /// and parses it with its large image strings taken out (`LargeStringExtractor`): the JSON and the
  /// decoded payloads its placeholders stand for. `fallback` holds the body's first 4 KB only when
  /// the body is not JSON (for the error message).
  private func receive(_ exchange: HTTPExchange, url: URL, body: [UInt8]) async throws -> (Int, [String: String], JSONValue?, ResponseBlobs, [UInt8]) {
    try await exchange.send(method: "POST", url: url, headers: configuration.headers(json: true), body: Data(body), reusingSpool: true) { reply in
      let extracted = try LargeStringExtractor().extract(fileDescriptor: reply.bodyFile)
      if let json = try? JSONParser(maxDepth: 128).parse(extracted.reduced) { return (reply.status, reply.headers, json, extracted.blobs, []) }
      return (reply.status, reply.headers, nil, ResponseBlobs(), try LargeStringExtractor.prefix(ofFile: reply.bodyFile, count: 4096))
    }
  }

  /// Decoded payloads as they are; remote URLs downloaded without the API key, each into an
  /// unlinked temporary file that becomes the image (hashed and scanned in one read).
  func fetchImages(_ payloads: [ImagePayload]) async throws -> [ImageBytes] {
    var images: [ImageBytes] = []
    for payload in payloads {
      switch payload.source {
      case .bytes(let bytes): images.append(bytes)
      case .remoteURL(let text):
        guard let url = URL(string: text) else {
          throw OpenRouterError(
            status: 0, code: "image_download_failed", message: "response image URL is not valid: \(clip(text, 120))", errorType: nil, providerName: nil,
            raw: nil, retryable: false, retryAfterSeconds: nil)
        }
        do {
          // The key is OpenRouter's secret: never send it to the image host.
          let exchange = HTTPExchange(timeout: timeout, maxBodyBytes: configuration.maxResponseBytes)
          let (status, size, image) = try await exchange.send(method: "GET", url: url, headers: ["User-Agent": "reprise"], body: nil) { reply in
            // The reply's file is closed when this returns: a duplicate descriptor keeps it.
            guard (200..<300).contains(reply.status) else { return (reply.status, reply.bodySize, ImageBytes?.none) }
            let kept = dup(reply.bodyFile)
            guard kept >= 0 else {
              throw URLError(.cannotOpenFile, userInfo: [NSLocalizedDescriptionKey: "cannot keep the downloaded image: \(Platform.errorMessage(errno))"])
            }
            _ = fcntl(kept, F_SETFD, FD_CLOEXEC)
            do throws(FileSystem.Failure) { return (reply.status, reply.bodySize, try ImageBytes.adopting(kept)) } catch {
              throw URLError(.cannotOpenFile, userInfo: [NSLocalizedDescriptionKey: "cannot read the downloaded image: \(error.reason)"])
            }
          }
          if configuration.debug { debugSink("debug: GET \(url.host ?? "")\(url.path) status=\(status) bytes=\(size)") }
          guard let image else {
            throw OpenRouterError(
              status: status, code: "image_download_failed", message: "downloading the response image from \(url.host ?? "?") failed with HTTP \(status)",
              errorType: "image_download_failed", providerName: nil, raw: nil, retryable: false, retryAfterSeconds: nil)
          }
          images.append(image)
        } catch let error as OpenRouterError {
          throw error
        } catch {
          let base = OpenRouterClient.transportError(error)
          throw OpenRouterError(
            status: 0, code: "image_download_failed", message: "downloading the response image from \(url.host ?? "?") failed: \(base.message)",
            errorType: "image_download_failed", providerName: nil, raw: nil, retryable: false, retryAfterSeconds: nil)
        }
      }
    }
    return images
  }

  /// A transport failure as an OpenRouterError (retryable unless cancelled).
  static func transportError(_ error: Error) -> OpenRouterError {
    if let urlError = error as? URLError {
      switch urlError.code {
      case .timedOut:
        return OpenRouterError(
          status: 0, code: "timeout", message: "request timed out", errorType: "timeout", providerName: nil, raw: nil, retryable: true, retryAfterSeconds: nil)
      case .dataLengthExceedsMaximum:
        return OpenRouterError(
          status: 0, code: "response_too_large", message: urlError.localizedDescription, errorType: "payload_too_large", providerName: nil, raw: nil,
          retryable: false, retryAfterSeconds: nil)
      case .cancelled:
        return OpenRouterError(
          status: 0, code: "cancelled", message: "request cancelled", errorType: nil, providerName: nil, raw: nil, retryable: false, retryAfterSeconds: nil)
      case .cannotConnectToHost, .cannotFindHost, .networkConnectionLost, .notConnectedToInternet, .dnsLookupFailed:
        return OpenRouterError(
          status: 0, code: "network", message: "network error: \(urlError.localizedDescription)", errorType: nil, providerName: nil, raw: nil, retryable: true,
          retryAfterSeconds: nil)
      default:
        return OpenRouterError(
          status: 0, code: "network", message: "network error (\(urlError.code.rawValue)): \(urlError.localizedDescription)", errorType: nil, providerName: nil,
          raw: nil, retryable: true, retryAfterSeconds: nil)
      }
    }
    return OpenRouterError(
      status: 0, code: "network", message: "network error: \(error)", errorType: nil, providerName: nil, raw: nil, retryable: true, retryAfterSeconds: nil)
  }

  private func failure(_ error: OpenRouterError, attempts: Int, latency: Int) -> GenerationCall {
    GenerationCall(result: .failure(error), imageBytes: [], attempts: attempts, latencyMS: latency, redactedResponse: nil)
  }

  private func elapsedMS(since start: DispatchTime) -> Int {
    Int((DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000)
  }

  private func describeBody(_ body: [UInt8]) -> String {
    guard let parsed = try? JSONParser(maxDepth: 128).parse(body) else { return "(\(body.count) bytes)" }
    return clip(JSONWriter.canonicalString(ResponseRedactor.redact(parsed)))
  }

  private func clip(_ text: String, _ limit: Int = 2000) -> String {
    text.count > limit ? String(text.prefix(limit)) + "...(\(text.count) characters)" : text
  }
}
