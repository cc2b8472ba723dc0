import Foundation
import RepriseCodecs
import RepriseTestSupport
import Testing

@testable import RepriseKit

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `HTTPExchange` on both backends against a real `openrouter-mock`: what arrives at the server,
/// what comes back, the body cap, timeouts, a connection closed mid-body, cancellation, and
/// connection reuse on the curl backend.
// Serialized: the curl tests share the process's one connection cache, whose size follows the
// number of transfers in flight, so a concurrent test's transfers could evict the connection that
// `curlReusesOneConnectionAcrossRequests` counts.
@Suite(.serialized) struct HTTPExchangeTests {
  /// A chat request the mock answers with an image.
  static let chatBody = Data(
    #"{"model":"google/gemini-2.5-flash-image","messages":[{"role":"user","content":"exchange probe"}],"modalities":["image","text"]}"#.utf8)
  static let headers = OpenRouterConfiguration(baseURL: "http://127.0.0.1", apiKey: "sk-or-exchange-test", appTitle: "Exchange Test").headers(json: true)

  /// The backends this platform can run (curl only where libcurl loads: Linux).
  static var backends: [HTTPBackend] { HTTPBackend.allCases.filter(\.isAvailable) }

  struct Mock {
    let folder: TemporaryFolder
    let server: MockServerProcess
    func url(_ path: String) throws -> URL { try #require(URL(string: server.baseURL + path)) }
    func done() { server.stop(); folder.remove() }
  }

  static func start(_ arguments: [String] = []) throws -> Mock {
    let folder = try TemporaryFolder("reprise-exchange")
    return Mock(folder: folder, server: try MockServerProcess(arguments, logPath: folder.url("mock.log")))
  }

  /// The URLError a call fails with, or nil when it does not fail with one.
  static func urlError(_ call: () async throws -> Void) async -> URLError? {
    do {
      try await call()
      return nil
    } catch {
      return error as? URLError
    }
  }

  /// `eventually` gave up.
  struct WaitTimeout: Error, CustomStringConvertible {
    let description: String
  }

  /// Waits (without blocking a thread of the cooperative pool) until `condition` holds. The
  /// deadline is generous: in a full `swift test` other suites can keep the pool busy for a while.
  static func eventually(_ what: String, timeout: TimeInterval = 120, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
      guard Date() < deadline else { throw WaitTimeout(description: "timed out after \(timeout) s waiting for \(what)") }
      try await Task.sleep(nanoseconds: 20_000_000)
    }
  }

  #if os(Linux)
    @Test func linuxUsesCurlByDefault() {
      #expect(HTTPBackend.curl.isAvailable)
      #expect(HTTPBackend.choose(nil).backend == .curl)
      #expect(HTTPBackend.choose(nil).note.hasPrefix("http transport curl (libcurl/"))
      #expect(HTTPExchange(timeout: 5).backend == HTTPBackend.selected)
      #expect(HTTPExchange(timeout: 5, backend: .curl).backend == .curl)
    }
  #endif

  @Test func reprisehttpChoosesTheBackend() {
    #expect(HTTPBackend.choose("urlsession") == (.urlsession, "http transport urlsession (REPRISE_HTTP=urlsession)"))
    #expect(HTTPBackend.choose(" URLSession ").backend == .urlsession)
    let curl = HTTPBackend.choose("curl")
    #expect(curl.backend == (HTTPBackend.curl.isAvailable ? .curl : .urlsession))
    #expect(curl.note.contains("REPRISE_HTTP=curl"))
    let bogus = HTTPBackend.choose("nghttp")
    #expect(bogus.backend == HTTPBackend.choose(nil).backend)
    #expect(bogus.note.contains("REPRISE_HTTP 'nghttp' is not urlsession or curl"))
  }

  @Test func bothBackendsReceiveTheSameImageInMemoryAndInAFile() async throws {
    let mock = try Self.start(["--mode", "large", "--large-bytes", "3000000"])
    defer { mock.done() }
    let url = try mock.url("/chat/completions")
    // Each response has its own generation id and timestamp; the image is the same every time.
    var images: [String] = []
    for backend in Self.backends {
      let exchange = HTTPExchange(timeout: 60, backend: backend)
      let whole = try await exchange.send(method: "POST", url: url, headers: Self.headers, body: Self.chatBody)
      let (status, size, streamed) = try await exchange.send(method: "POST", url: url, headers: Self.headers, body: Self.chatBody) { reply in
        (reply.status, reply.bodySize, try LargeStringExtractor.prefix(ofFile: reply.bodyFile, count: 1 << 23))
      }
      #expect(whole.status == 200 && status == 200)
      #expect(whole.body.count > 4_000_000, "\(backend): \(whole.body.count) bytes")
      #expect(size == streamed.count && abs(size - whole.body.count) < 100, "\(backend)")
      #expect(whole.headers["content-type"] == "application/json", "\(backend)")
      for body in [[UInt8](whole.body), streamed] {
        let image = try #require(try ResponseParser.parse(status: 200, body: body, transport: .chat).get().images.last?.bytes)
        images.append(image.sha256)
      }
    }
    #expect(images.count == 2 * Self.backends.count && !images.isEmpty)
    #expect(Set(images).count == 1, "the same image from every backend, in memory or in a file")
  }

  @Test func theServerSeesTheHeadersAndBodyAsSentAndNoExpect() async throws {
    let mock = try Self.start()
    defer { mock.done() }
    // Over 1 MiB: large enough that libcurl would otherwise send `Expect: 100-continue`.
    let padding = String(repeating: "x", count: 1_200_000)
    let body = Data(#"{"model":"google/gemini-2.5-flash-image","messages":[{"role":"user","content":"probe \#(padding)"}],"modalities":["image","text"]}"#.utf8)
    for backend in Self.backends {
      let reply = try await HTTPExchange(timeout: 60, backend: backend).send(
        method: "POST", url: try mock.url("/chat/completions"), headers: Self.headers, body: body)
      #expect(reply.status == 200, "\(backend)")
      #expect(reply.headers["x-generation-id"]?.hasPrefix("gen-") == true, "\(backend): \(reply.headers)")
    }
    let logged = mock.server.loggedRequests()
    #expect(logged.count == Self.backends.count)
    for request in logged {
      let headers = request["headers"] as? [String: String] ?? [:]
      #expect(request["method"] as? String == "POST")
      #expect(request["body_sha256"] as? String == SHA256.hash([UInt8](body)).hexString)
      #expect(headers["authorization"] == "Bearer <redacted>")
      #expect(headers["content-type"] == "application/json")
      #expect(headers["accept"] == "application/json")
      #expect(headers["user-agent"] == "reprise")
      #expect(headers["x-title"] == "Exchange Test" && headers["x-openrouter-title"] == "Exchange Test")
      #expect(headers["expect"] == nil, "\(headers)")
    }
  }

  @Test func aBodyOverTheCapFailsWithTheSameMessageOnEveryBackend() async throws {
    let mock = try Self.start(["--mode", "large", "--large-bytes", "2000000"])
    defer { mock.done() }
    let url = try mock.url("/chat/completions")
    let expected = "the response body is larger than 0.5 MiB (REPRISE_MAX_RESPONSE_MB)"
    for backend in Self.backends {
      let exchange = HTTPExchange(timeout: 60, maxBodyBytes: 512 * 1024, backend: backend)
      let inMemory = await Self.urlError { _ = try await exchange.send(method: "POST", url: url, headers: Self.headers, body: Self.chatBody) }
      let toFile = await Self.urlError { _ = try await exchange.send(method: "POST", url: url, headers: Self.headers, body: Self.chatBody) { $0.bodySize } }
      for error in [inMemory, toFile] {
        #expect(error?.code == .dataLengthExceedsMaximum, "\(backend): \(String(describing: error))")
        #expect(error?.localizedDescription == expected, "\(backend)")
      }
    }
  }

  @Test func aStalledResponseTimesOut() async throws {
    let mock = try Self.start(["--mode", "stall", "--stall-sec", "30"])
    defer { mock.done() }
    let url = try mock.url("/chat/completions")
    for backend in Self.backends {
      // Without the timeout the mock would close the connection after 30 s: a different error.
      let error = await Self.urlError {
        _ = try await HTTPExchange(timeout: 1, backend: backend).send(method: "POST", url: url, headers: Self.headers, body: Self.chatBody) { $0.bodySize }
      }
      #expect(error?.code == .timedOut, "\(backend): \(String(describing: error))")
    }
  }

  @Test func aConnectionClosedMidBodyIsARetryableNetworkError() async throws {
    let mock = try Self.start(["--mode", "close-mid-body"])
    defer { mock.done() }
    let url = try mock.url("/chat/completions")
    for backend in Self.backends {
      let error = await Self.urlError {
        _ = try await HTTPExchange(timeout: 30, backend: backend).send(method: "POST", url: url, headers: Self.headers, body: Self.chatBody) { $0.bodySize }
      }
      let unwrapped = try #require(error, "\(backend) must fail")
      if backend == .curl { #expect(unwrapped.code == .networkConnectionLost) }
      let mapped = OpenRouterClient.transportError(unwrapped)
      #expect(mapped.code == "network" && mapped.retryable, "\(backend): \(mapped)")
    }
  }

  @Test func nothingListeningIsCannotConnectToHost() async throws {
    // A port that was just free: bind, read it, close.
    let mock = try Self.start()
    let port = mock.server.port
    mock.done()
    let url = try #require(URL(string: "http://127.0.0.1:\(port)/api/v1/models"))
    for backend in Self.backends {
      let error = await Self.urlError { _ = try await HTTPExchange(timeout: 10, backend: backend).send(method: "GET", url: url, headers: [:], body: nil) }
      let unwrapped = try #require(error, "\(backend) must fail")
      if backend == .curl { #expect(unwrapped.code == .cannotConnectToHost, "\(unwrapped)") }
      #expect(OpenRouterClient.transportError(unwrapped).retryable)
    }
  }

  @Test func cancellingTheTaskStopsTheTransferAndDropsTheConnection() async throws {
    let mock = try Self.start(["--mode", "stall", "--stall-sec", "60"])
    defer { mock.done() }
    let url = try mock.url("/chat/completions")
    for backend in Self.backends {
      let exchange = HTTPExchange(timeout: 120, backend: backend)
      let task = Task { try await exchange.send(method: "POST", url: url, headers: Self.headers, body: Self.chatBody) { $0.bodySize } }
      try await Self.eventually("\(backend): the request to reach the mock") { mock.server.openConnections() >= 1 }
      // Without cancellation the mock would hold the request for 60 s, then close: another error.
      task.cancel()
      let error = await Self.urlError { _ = try await task.value }
      #expect(error?.code == .cancelled, "\(backend): \(String(describing: error))")
      try await Self.eventually("\(backend): the stalled connection to close") { mock.server.openConnections() == 0 }
    }
  }

  @Test func aCancelledTaskSendsNothing() async throws {
    let mock = try Self.start()
    defer { mock.done() }
    let url = try mock.url("/models")
    for backend in Self.backends {
      let exchange = HTTPExchange(timeout: 10, backend: backend)
      let task = Task {
        withUnsafeCurrentTask { $0?.cancel() }
        return try await exchange.send(method: "GET", url: url, headers: [:], body: nil) { $0.bodySize }
      }
      let error = await Self.urlError { _ = try await task.value }
      #expect(error?.code == .cancelled, "\(backend)")
    }
    #expect(mock.server.loggedRequests().isEmpty)
  }

  #if os(Linux)
    @Test func curlReusesOneConnectionAcrossRequests() async throws {
      let mock = try Self.start()
      defer { mock.done() }
      let url = try mock.url("/chat/completions")
      let exchange = HTTPExchange(timeout: 30, backend: .curl)
      for _ in 0..<5 {
        let reply = try await exchange.send(method: "POST", url: url, headers: Self.headers, body: Self.chatBody) { $0.status }
        #expect(reply == 200)
        // Between requests the connection stays open, in the process-wide connection cache.
        #expect(mock.server.openConnections() == 1)
      }
      // A fresh exchange value still shares the process's connections.
      _ = try await HTTPExchange(timeout: 30, backend: .curl).send(method: "GET", url: try mock.url("/models"), headers: [:], body: nil)
      #expect(mock.server.openConnections() == 1)
      #expect(mock.server.loggedRequests().count == 6)
    }

    @Test func curlRunsRequestsConcurrently() async throws {
      let mock = try Self.start(["--mode", "stall", "--stall-sec", "120"])
      defer { mock.done() }
      let url = try mock.url("/chat/completions")
      let requests = Task {
        await withTaskGroup(of: URLError?.self) { group in
          for _ in 0..<6 {
            group.addTask {
              await Self.urlError {
                _ = try await HTTPExchange(timeout: 300, backend: .curl).send(method: "POST", url: url, headers: Self.headers, body: Self.chatBody)
              }
            }
          }
          return await group.reduce(into: []) { $0.append($1?.code) }
        }
      }
      // All six are in flight at once (HTTP/1.1: one connection each), none waiting for another,
      // and cancelling the caller stops all of them.
      try await Self.eventually("six requests in flight at once") { mock.server.openConnections() == 6 }
      // Connected is not yet sent: wait until the mock has read all six requests.
      try await Self.eventually("six requests received") { mock.server.loggedRequests().count == 6 }
      requests.cancel()
      #expect(await requests.value == Array(repeating: URLError.Code.cancelled, count: 6))
      try await Self.eventually("the six connections to close") { mock.server.openConnections() == 0 }
      #expect(mock.server.loggedRequests().count == 6)
    }
  #endif
}
