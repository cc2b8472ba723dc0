import Foundation
import RepriseCodecs
import RepriseTestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// End-to-end checks of the `openrouter-mock` executable: each test starts its own server on
/// `--port 0` in its own temporary folder, talks to it with URLSession and stops it.
@Suite("openrouter-mock server")
struct MockServerTests {
  static let imageModel = "google/gemini-2.5-flash-image"

  @Test("PNG size follows aspect_ratio and image_size (16:9 at 1K and 2K)")
  func pngSizeFollowsAspectRatio() async throws {
    let mock = try OpenRouterMockInstance()
    defer { mock.stop() }
    for (size, expected) in [("1K", (1344, 768)), ("2K", (2688, 1536))] {
      let (status, _, body) = try await mock.chat(prompt: "a red crab", imageConfig: ["aspect_ratio": "16:9", "image_size": size])
      #expect(status == 200)
      let png = try #require(Self.firstImage(body))
      #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
      let dimensions = try #require(Self.pngDimensions(png))
      #expect(dimensions.width == expected.0 && dimensions.height == expected.1, "size \(size)")
      #expect(Self.pngChunksAreValid(png), "size \(size)")
    }
  }

  @Test("missing key → 401 No auth credentials found; wrong key with --require-key → 401 User not found")
  func authorization() async throws {
    let mock = try OpenRouterMockInstance(arguments: ["--require-key", "sk-right"])
    defer { mock.stop() }
    let chatBody = Self.chatBody(prompt: "crab", modalities: ["image", "text"])
    let (missing, _, missingBody) = try await mock.post("/chat/completions", chatBody, key: nil)
    #expect(missing == 401)
    #expect(Self.errorMessage(missingBody) == "No auth credentials found")
    let (wrong, _, wrongBody) = try await mock.post("/chat/completions", chatBody, key: "sk-wrong")
    #expect(wrong == 401)
    #expect(Self.errorMessage(wrongBody) == "User not found.")
    let (right, _, _) = try await mock.post("/chat/completions", chatBody, key: "sk-right")
    #expect(right == 200)
    let (models, _, _) = try await mock.get("/models?output_modalities=image", key: nil)
    #expect(models == 200)
  }

  @Test("invalid aspect_ratio → 400 with Zod-style message")
  func badAspectRatio() async throws {
    let mock = try OpenRouterMockInstance()
    defer { mock.stop() }
    let (status, _, body) = try await mock.chat(prompt: "crab", imageConfig: ["aspect_ratio": "1.91:1"])
    #expect(status == 400)
    #expect(Self.errorMessage(body)?.hasPrefix("Invalid option: expected one of \"1:1\"|\"2:3\"") == true)
    let (extended, _, _) = try await mock.chat(prompt: "crab", imageConfig: ["aspect_ratio": "1:8"])
    #expect(extended == 400, "1:8 is only for gemini-3.1-flash-image-preview")
    let (allowed, _, _) = try await mock.chat(
      prompt: "crab", model: "google/gemini-3.1-flash-image-preview", imageConfig: ["aspect_ratio": "1:8"])
    #expect(allowed == 200)
  }

  @Test("image-only model asked for text too → 404 No endpoints found")
  func imageOnlyModelWithTextModality() async throws {
    let mock = try OpenRouterMockInstance()
    defer { mock.stop() }
    let (status, _, body) = try await mock.chat(prompt: "crab", model: "black-forest-labs/flux.2-pro", modalities: ["image", "text"])
    #expect(status == 404)
    #expect(Self.errorMessage(body) == "No endpoints found that support the requested output modalities: image, text")
    let (imageOnly, _, _) = try await mock.chat(prompt: "crab", model: "black-forest-labs/flux.2-pro", modalities: ["image"])
    #expect(imageOnly == 200)
  }

  @Test("/images/generations and /images/edits → 404 unless aliased")
  func imagesGenerationsIsNotFound() async throws {
    let mock = try OpenRouterMockInstance()
    defer { mock.stop() }
    let request: [String: Any] = ["model": "black-forest-labs/flux.2-pro", "prompt": "crab"]
    for path in ["/images/generations", "/images/edits"] {
      let (status, _, body) = try await mock.post(path, request)
      #expect(status == 404, "\(path)")
      #expect(Self.errorMessage(body) == "Not Found")
    }
  }

  @Test("POST /images answers data[].b64_json (raw base64 PNG) with usage.cost")
  func imagesEndpointSucceeds() async throws {
    let mock = try OpenRouterMockInstance()
    defer { mock.stop() }
    let request: [String: Any] = [
      "model": "black-forest-labs/flux.2-pro", "prompt": "a crab", "aspect_ratio": "3:2", "resolution": "1K", "n": 2,
    ]
    let (status, headers, body) = try await mock.post("/images", request)
    #expect(status == 200)
    #expect(headers["X-Generation-Id"]?.hasPrefix("gen-") == true)
    let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    let data = try #require(json["data"] as? [[String: Any]])
    #expect(data.count == 2)
    let encoded = try #require(data.first?["b64_json"] as? String)
    #expect(!encoded.hasPrefix("data:"))
    let png = try #require(Data(base64Encoded: encoded))
    #expect(Self.pngDimensions(png)?.width == 1248 && Self.pngDimensions(png)?.height == 832)
    #expect(data.first?["media_type"] as? String == "image/png")
    let usage = try #require(json["usage"] as? [String: Any])
    #expect((usage["cost"] as? Double ?? 0) > 0)
  }

  @Test("--latency-ms is the whole time to the answer: never sooner, and the same image as without it (chat and /images)")
  func latencyIsTheTimeToTheAnswer() async throws {
    let slow = try OpenRouterMockInstance(arguments: ["--latency-ms", "400"])
    defer { slow.stop() }
    let fast = try OpenRouterMockInstance()
    defer { fast.stop() }
    let images: [String: Any] = ["model": "black-forest-labs/flux.2-pro", "prompt": "a crab", "aspect_ratio": "1:1", "seed": 7]
    for (path, body) in [("/chat/completions", Self.chatBody(prompt: "a crab", seed: 7)), ("/images", images)] {
      let started = Date()
      let (status, _, slowBody) = try await slow.post(path, body)
      let elapsed = Date().timeIntervalSince(started)
      #expect(status == 200, "\(path)")
      #expect(elapsed >= 0.4, "\(path) answered after \(elapsed) s")
      let (_, _, fastBody) = try await fast.post(path, body)
      let slowImage = try #require(Self.firstImage(slowBody) ?? Self.firstImagesAPIImage(slowBody), "\(path)")
      #expect(slowImage == Self.firstImage(fastBody) ?? Self.firstImagesAPIImage(fastBody), "\(path)")
    }
  }

  @Test("--fail-first answers 429 with Retry-After and X-RateLimit-* headers, then succeeds")
  func failFirstRateLimit() async throws {
    let mock = try OpenRouterMockInstance(arguments: ["--fail-first", "2", "--fail-status", "429", "--retry-after", "3"])
    defer { mock.stop() }
    for attempt in 1...2 {
      let sent = Date()
      let (status, headers, body) = try await mock.chat(prompt: "busy crab", seed: 5)
      #expect(status == 429, "attempt \(attempt)")
      #expect(headers["Retry-After"] == "3")
      #expect(headers["X-RateLimit-Remaining"] == "0")
      let reset = Double(headers["X-RateLimit-Reset"] ?? "") ?? 0
      #expect(reset >= (sent.timeIntervalSince1970 + 3) * 1000 - 1000, "reset is epoch milliseconds about Retry-After ahead")
      #expect(Self.errorMessage(body)?.hasPrefix("Rate limit exceeded") == true)
    }
    let (third, _, _) = try await mock.chat(prompt: "busy crab", seed: 5)
    #expect(third == 200)
    let (otherSeed, _, _) = try await mock.chat(prompt: "busy crab", seed: 6)
    #expect(otherSeed == 429, "a different seed is a different job")
  }

  @Test("[mock:MODE] in the prompt switches the mode for that request only")
  func promptDirective() async throws {
    let mock = try OpenRouterMockInstance()
    defer { mock.stop() }
    let (failing, _, failingBody) = try await mock.chat(prompt: "crab [mock:502]")
    #expect(failing == 502)
    #expect(Self.errorMessage(failingBody) == "Provider returned error")
    let (refused, _, refusedBody) = try await mock.chat(prompt: "crab [mock:refusal]")
    #expect(refused == 200)
    let choice = try #require(Self.firstChoice(refusedBody))
    #expect(choice["finish_reason"] as? String == "content_filter")
    #expect(choice["native_finish_reason"] as? String == "IMAGE_SAFETY")
    let (plain, _, plainBody) = try await mock.chat(prompt: "crab")
    #expect(plain == 200)
    #expect(Self.firstImage(plainBody) != nil)
  }

  @Test("--log writes one JSON line per request, with the key redacted")
  func requestLog() async throws {
    let folder = try OpenRouterMockInstance.makeTemporaryFolder()
    let logPath = folder.appendingPathComponent("requests.jsonl").path
    let mock = try OpenRouterMockInstance(arguments: ["--log", logPath], folder: folder)
    defer { mock.stop() }
    let secret = "sk-or-v1-super-secret-key"
    let (status, _, _) = try await mock.post("/chat/completions", Self.chatBody(prompt: "logged crab", modalities: ["image", "text"]), key: secret)
    #expect(status == 200)
    let (missing, _, _) = try await mock.get("/key", key: nil)
    #expect(missing == 401)

    let text = try String(contentsOfFile: logPath, encoding: .utf8)
    #expect(!text.contains(secret))
    let lines = text.split(separator: "\n")
    #expect(lines.count == 2)
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["method"] as? String == "POST")
    #expect(first["path"] as? String == "/api/v1/chat/completions")
    #expect(first["status"] as? Int == 200)
    let headers = try #require(first["headers"] as? [String: String])
    #expect(headers["authorization"] == "Bearer <redacted>")
    let body = try #require(first["body"] as? String)
    #expect(body.contains("logged crab"))
    #expect(first["body_sha256"] as? String == SHA256.hash(Array(body.utf8)).hexString)
    let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
    #expect(second["status"] as? Int == 401)
  }

  @Test("identical requests give identical image bytes; another prompt gives other bytes")
  func deterministicImages() async throws {
    let mock = try OpenRouterMockInstance()
    defer { mock.stop() }
    let config = ["aspect_ratio": "4:3"]
    let (_, _, first) = try await mock.chat(prompt: "a lighthouse", seed: 11, imageConfig: config)
    let (_, _, second) = try await mock.chat(prompt: "a lighthouse", seed: 11, imageConfig: config)
    let (_, _, other) = try await mock.chat(prompt: "a windmill", seed: 11, imageConfig: config)
    let a = try #require(Self.firstImage(first))
    let b = try #require(Self.firstImage(second))
    let c = try #require(Self.firstImage(other))
    #expect(a == b)
    #expect(a != c)
    #expect(Self.pngDimensions(a)?.width == 1184)
  }

  @Test("GET /models hides image-only models unless output_modalities=image")
  func modelsListing() async throws {
    let mock = try OpenRouterMockInstance()
    defer { mock.stop() }
    func ids(_ body: Data) -> [String] {
      let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
      return (json?["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
    let (_, _, plain) = try await mock.get("/models", key: nil)
    #expect(!ids(plain).contains("black-forest-labs/flux.2-pro"))
    let (_, _, images) = try await mock.get("/models?output_modalities=image", key: nil)
    #expect(ids(images).contains("black-forest-labs/flux.2-pro"))
    #expect(ids(images).contains("openai/gpt-image-2"))
    #expect(!ids(images).contains("openai/gpt-4o-mini"))
  }

  // MARK: - Helpers

  /// The first image of an Image API answer (`data[0].b64_json`), decoded.
  static func firstImagesAPIImage(_ body: Data) -> Data? {
    guard let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let data = json["data"] as? [[String: Any]],
      let encoded = data.first?["b64_json"] as? String
    else { return nil }
    return Data(base64Encoded: encoded)
  }

  static func chatBody(
    prompt: String, model: String = imageModel, modalities: [String]? = ["image", "text"], seed: Int? = nil,
    imageConfig: [String: String]? = nil
  ) -> [String: Any] {
    var body: [String: Any] = ["model": model, "messages": [["role": "user", "content": prompt]]]
    if let modalities { body["modalities"] = modalities }
    if let seed { body["seed"] = seed }
    if let imageConfig { body["image_config"] = imageConfig }
    return body
  }

  static func errorMessage(_ body: Data) -> String? {
    let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    return (json?["error"] as? [String: Any])?["message"] as? String
  }

  static func firstChoice(_ body: Data) -> [String: Any]? {
    let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    return (json?["choices"] as? [[String: Any]])?.first
  }

  /// Bytes of `choices[0].message.images[0].image_url.url` (a data URL).
  static func firstImage(_ body: Data) -> Data? {
    guard let message = firstChoice(body)?["message"] as? [String: Any],
      let image = (message["images"] as? [[String: Any]])?.first,
      let url = (image["image_url"] as? [String: Any])?["url"] as? String,
      let comma = url.firstIndex(of: ",")
    else { return nil }
    return Data(base64Encoded: String(url[url.index(after: comma)...]))
  }

  static func pngDimensions(_ png: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](png)
    guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
    func word(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (word(16), word(20))
  }

  /// Every chunk's CRC-32 matches and the file ends with IEND.
  static func pngChunksAreValid(_ png: Data) -> Bool {
    let bytes = [UInt8](png)
    var offset = 8
    var lastType = ""
    while offset + 12 <= bytes.count {
      let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
      guard offset + 12 + length <= bytes.count else { return false }
      let typeAndData = bytes[(offset + 4)..<(offset + 8 + length)]
      let stored = bytes[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
      guard CRC32.checksum(typeAndData) == stored else { return false }
      lastType = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
      offset += 12 + length
    }
    return offset == bytes.count && lastType == "IEND"
  }
}

/// One running `openrouter-mock` process on a port of its own, in a temporary folder of its own.
private final class OpenRouterMockInstance: @unchecked Sendable {
  struct StartError: Error, CustomStringConvertible {
    let description: String
  }

  let process = Process()
  let baseURL: String
  let folder: URL
  let session: URLSession

  init(arguments: [String] = [], folder existingFolder: URL? = nil) throws {
    folder = try existingFolder ?? Self.makeTemporaryFolder()
    process.executableURL = URL(fileURLWithPath: try Self.executablePath())
    process.arguments = ["--port", "0", "--exit-with-parent"] + arguments
    process.currentDirectoryURL = folder
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()

    var line = Data()
    let reader = output.fileHandleForReading
    while !line.contains(0x0A) {
      let chunk = reader.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    let prefix = "openrouter-mock listening on "
    guard text.hasPrefix(prefix) else {
      process.terminate()
      throw StartError(description: "openrouter-mock did not announce its port; got '\(text)'")
    }
    baseURL = String(text.dropFirst(prefix.count))
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 20
    session = URLSession(configuration: configuration)
  }

  /// SIGTERM, then SIGKILL if the server has not gone within two seconds.
  func stop() {
    session.invalidateAndCancel()
    guard process.isRunning else { return }
    process.terminate()
    Poll.wait(timeout: 2) { !process.isRunning }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  static func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("openrouter-mock-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The built executable: next to the test bundle (`.build/debug`), or `OPENROUTER_MOCK_PATH`.
  static func executablePath() throws -> String {
    if let explicit = ProcessInfo.processInfo.environment["OPENROUTER_MOCK_PATH"] { return explicit }
    let bundle = Bundle.main.bundleURL
    let candidates = [
      bundle, bundle.deletingLastPathComponent(),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    ].map { $0.appendingPathComponent("openrouter-mock").path }
    if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
    throw StartError(description: "openrouter-mock not found; looked at \(candidates)")
  }

  // MARK: Requests

  func chat(
    prompt: String, model: String = "google/gemini-2.5-flash-image", modalities: [String]? = ["image", "text"], seed: Int? = nil,
    imageConfig: [String: String]? = nil
  ) async throws -> (Int, [String: String], Data) {
    try await post(
      "/chat/completions",
      MockServerTests.chatBody(prompt: prompt, model: model, modalities: modalities, seed: seed, imageConfig: imageConfig))
  }

  func post(_ path: String, _ body: [String: Any], key: String? = "sk-test") async throws -> (Int, [String: String], Data) {
    var request = URLRequest(url: URL(string: baseURL + path)!)
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
    request.httpBody = try JSONSerialization.data(withJSONObject: body)
    return try await send(request)
  }

  func get(_ path: String, key: String? = "sk-test") async throws -> (Int, [String: String], Data) {
    var request = URLRequest(url: URL(string: baseURL + path)!)
    if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
    return try await send(request)
  }

  private func send(_ request: URLRequest) async throws -> (Int, [String: String], Data) {
    let (data, response) = try await session.data(for: request)
    let http = response as! HTTPURLResponse
    var headers: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
      if let name = name as? String, let value = value as? String { headers[Self.canonical(name)] = value }
    }
    return (http.statusCode, headers, data)
  }

  /// Header names as `Retry-After`, `X-RateLimit-Reset`, whatever case the transport reported.
  private static func canonical(_ name: String) -> String {
    let known = ["Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-Generation-Id", "Content-Type"]
    return known.first(where: { $0.lowercased() == name.lowercased() }) ?? name
  }
}
