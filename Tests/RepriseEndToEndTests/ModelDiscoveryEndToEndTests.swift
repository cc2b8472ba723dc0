import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

/// Capabilities from OpenRouter's discovery endpoints (served by `openrouter-mock`), cached, and
/// the offline fallback to the built-in table, through the real binaries.
@Suite struct ModelDiscoveryEndToEndTests {
  /// The mock's environment with discovery on and a cache in `folder`.
  static func environment(_ mock: MockServerProcess, _ folder: TemporaryFolder) -> [String: String] {
    mock.environment().merging(["REPRISE_MODEL_DISCOVERY": "on", "REPRISE_CACHE_DIR": folder.url("cache")]) { $1 }
  }

  static func posted(_ mock: MockServerProcess) -> [(path: String, body: JSONValue)] {
    mock.loggedRequests().compactMap { request in
      guard request["method"] as? String == "POST", let path = request["path"] as? String, let body = request["body"] as? String else { return nil }
      return (path, (try? JSONParser().parse(Array(body.utf8))) ?? .null)
    }
  }

  static func paths(_ mock: MockServerProcess, method: String = "GET") -> [String] {
    mock.loggedRequests().filter { $0["method"] as? String == method }.compactMap { $0["path"] as? String }
  }

  @Test func eachFamilyIsSentOnlyWhatItsEndpointTakes() throws {
    let folder = try TemporaryFolder("reprise-discovery")
    defer { folder.remove() }
    let mock = try MockServerProcess([], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = Self.environment(mock, folder)
    let runs: [(String, [String])] = [
      ("gemini-chat.png", ["--model", "google/gemini-3.1-flash-image-preview", "--aspect-ratio", "4:1", "--image-size", "0.5K"]),
      ("gemini-images.png", ["--model", "google/gemini-3.1-flash-lite-image", "--transport", "images", "--aspect-ratio", "9:19.5", "--image-size", "512"]),
      ("gpt5.png", ["--model", "openai/gpt-5-image"]),
      ("flux.png", ["--model", "black-forest-labs/flux.2-pro", "--aspect-ratio", "9:21", "--provider", "black-forest-labs"]),
      ("gpt-image-2.webp", ["--model", "openai/gpt-image-2", "--aspect-ratio", "3:2", "--image-size", "high"]),
    ]
    for (out, arguments) in runs {
      let result = try ProcessRunner.reprise(["generate", "--prompt", "a snow crab", "--out", out] + arguments, in: folder.path, environment: env)
      #expect(result.status == 0, "\(out): \(result.stderr)")
      #expect(!result.stderr.contains("built-in model table"), "\(out): \(result.stderr)")
    }
    let bodies = Self.posted(mock)
    #expect(bodies.count == 5)
    guard bodies.count == 5 else { return }
    #expect(bodies[0].path == "/api/v1/chat/completions")
    #expect(bodies[0].body["image_config"] == .object(["aspect_ratio": .string("4:1"), "image_size": .string("0.5K")]))
    #expect(bodies[0].body["seed"] != nil)
    #expect(bodies[1].path == "/api/v1/images")
    #expect(bodies[1].body["output_format"] == .string("png") && bodies[1].body["resolution"] == .string("512"))
    #expect(bodies[2].body["seed"] == nil && bodies[2].body["image_config"] == nil)
    #expect(bodies[3].path == "/api/v1/images")
    #expect(bodies[3].body["provider"] == .object(["only": .strings(["black-forest-labs"]), "allow_fallbacks": .bool(false)]))
    #expect(bodies[4].path == "/api/v1/images")
    #expect(bodies[4].body["seed"] == nil && bodies[4].body["output_format"] == .string("webp"))
    // Gemini on the Image API answers PNG when output_format asks for it (JPEG otherwise).
    #expect(try folder.read("gemini-images.png").starts(with: [0x89, 0x50, 0x4E, 0x47]))
    // One discovery round per model at most; the cache answers the rest.
    #expect(Self.paths(mock).filter { $0 == "/api/v1/models" }.count <= 5)
    #expect(FileManager.default.fileExists(atPath: folder.url("cache/models.json")))
  }

  @Test func aFreshCacheAnswersWithoutTheNetworkAndModelsRefreshes() throws {
    let folder = try TemporaryFolder("reprise-discovery-cache")
    defer { folder.remove() }
    let mock = try MockServerProcess([], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = Self.environment(mock, folder)
    let listed = try ProcessRunner.reprise(["models", "--json"], in: folder.path, environment: env)
    #expect(listed.status == 0, "\(listed.stderr)")
    let json = try JSONParser().parse(Array(listed.stdout.utf8))
    #expect(json["image_api_models"]?.arrayValue?.contains(.string("openai/gpt-image-2")) == true)
    #expect(json["image_api_models"]?.arrayValue?.contains(.string("openai/gpt-5-image")) == false)
    let before = mock.loggedRequests().count
    let planned = try ProcessRunner.reprise(
      ["variants", "--prompt", "a crab", "--count", "1", "--out-dir", "o", "--model", "openai/gpt-image-2", "--plan-only"], in: folder.path,
      environment: env)
    #expect(planned.status == 0, "\(planned.stderr)")
    #expect(mock.loggedRequests().count == before)
    let manifest = try JSONParser().parse(try folder.read("o/image-manifest.json"))
    #expect(manifest["spec"]?["request"]?["format"] == .int(2))
    #expect(manifest["spec"]?["request"]?["sends_seed"] == .bool(false))
    #expect(manifest["spec"]?["capabilities_source"] == nil)
    let refreshed = try ProcessRunner.reprise(["models", "--refresh"], in: folder.path, environment: env)
    #expect(refreshed.status == 0)
    #expect(mock.loggedRequests().count > before)
  }

  @Test func anUnsupportedFlagIsRefusedBeforeAnythingIsSent() throws {
    let folder = try TemporaryFolder("reprise-discovery-refuse")
    defer { folder.remove() }
    let mock = try MockServerProcess([], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = Self.environment(mock, folder)
    let seed = try ProcessRunner.reprise(
      ["generate", "--prompt", "a crab", "--out", "a.png", "--model", "openai/gpt-image-2", "--seed", "4"], in: folder.path, environment: env)
    #expect(seed.status == 64)
    #expect(seed.stderr.hasPrefix("error: --seed: openai/gpt-image-2 takes no seed on the Image API (it takes: aspect_ratio (1:1, 2:3, 3:2, auto)"))
    let ratio = try ProcessRunner.reprise(
      ["variants", "--prompt", "a crab", "--count", "1", "--out-dir", "o", "--model", "openai/gpt-image-2", "--aspect-ratio", "16:9"], in: folder.path,
      environment: env)
    #expect(ratio.status == 64)
    #expect(ratio.stderr.hasPrefix("error: --aspect-ratio '16:9' is not supported by openai/gpt-image-2 on the Image API: use one of 1:1, 2:3, 3:2, auto"))
    let chat = try ProcessRunner.reprise(
      ["generate", "--prompt", "a crab", "--out", "a.png", "--model", "openai/gpt-image-2", "--transport", "chat"], in: folder.path, environment: env)
    #expect(chat.status == 64)
    #expect(chat.stderr.contains("is served only by the Image API (POST /images)"))
    #expect(Self.posted(mock).isEmpty)
    #expect(!folder.exists("o/image-manifest.json"))
  }

  @Test func theMockRefusesAParameterTheEndpointDoesNotTake() throws {
    let folder = try TemporaryFolder("reprise-discovery-400")
    defer { folder.remove() }
    let mock = try MockServerProcess([], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    // Offline planning (built-in table) sends seed to gpt-image-2, which its endpoint refuses.
    var env = mock.environment()
    env["REPRISE_MODEL_DISCOVERY"] = "off"
    let result = try ProcessRunner.reprise(
      ["generate", "--prompt", "a crab", "--out", "a.png", "--model", "openai/gpt-image-2"], in: folder.path, environment: env)
    #expect(result.status == 1)
    #expect(result.stderr.contains("OpenRouter 400"))
    #expect(result.stderr.contains("support the requested parameters: seed"))
  }

  @Test func anUnreachableBaseURLFallsBackAtOnceAndSaysSo() throws {
    let folder = try TemporaryFolder("reprise-discovery-offline")
    defer { folder.remove() }
    let started = Date()
    let result = try ProcessRunner.reprise(
      ["variants", "--prompt", "a crab", "--count", "2", "--out-dir", "o", "--plan-only"], in: folder.path,
      environment: ["REPRISE_MODEL_DISCOVERY": "on", "OPENROUTER_BASE_URL": "http://127.0.0.1:9/api/v1", "REPRISE_CACHE_DIR": folder.url("cache")])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Date().timeIntervalSince(started) < 10)
    let notes = result.stderr.split(separator: "\n").filter { $0.contains("built-in model table") }
    #expect(notes.count == 1)
    #expect(notes.first?.hasPrefix("note: model discovery at http://127.0.0.1:9/api/v1 failed") == true)
    let manifest = try JSONParser().parse(try folder.read("o/image-manifest.json"))
    #expect(manifest["spec"]?["capabilities_source"] == .string("built-in"))
  }

  @Test func preflightComparesTheEstimateWithTheKeysLimit() throws {
    let folder = try TemporaryFolder("reprise-preflight-limit")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--key-limit-remaining", "0.05"], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let over = try ProcessRunner.reprise(["preflight", "--online", "--count", "10"], in: folder.path, environment: mock.environment())
    #expect(over.status == 1)
    #expect(over.stdout.contains("FAIL key_limit: estimate $0.7740 for 10 images"))
    #expect(over.stdout.contains("exceeds the key's limit_remaining $0.0500"))
    let fits = try ProcessRunner.reprise(
      ["preflight", "--online", "--model", "black-forest-labs/flux.2-pro"], in: folder.path, environment: mock.environment())
    #expect(fits.stdout.contains("PASS key_limit: estimate $0.0300 for 1 image ($0.03 per output image) fits the key's limit_remaining $0.0500"))
  }

  @Test func byokPartsAreShownInStatus() throws {
    let folder = try TemporaryFolder("reprise-byok-status")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--mode", "byok"], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let run = try ProcessRunner.reprise(
      ["variants", "--prompt", "a crab", "--count", "2", "--out-dir", "o", "--quiet"], in: folder.path, environment: mock.environment())
    #expect(run.status == 0, "\(run.stderr)")
    let status = try ProcessRunner.reprise(["status", "--manifest", "o/image-manifest.json"], in: folder.path, environment: mock.environment())
    let last = status.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.contains("; cost $0."))
    #expect(last.contains(" (OpenRouter $0.") && last.contains(" + upstream $0.") && last.hasSuffix(", BYOK)"))
    let gallery = try ProcessRunner.reprise(["gallery", "o/image-manifest.json"], in: folder.path, environment: mock.environment())
    #expect(gallery.status == 0, "\(gallery.stderr)")
    let html = try folder.readText("o/image-gallery.html")
    #expect(html.contains("</strong> (OpenRouter $0.") && html.contains(", BYOK)</p>"))
    let diff = try ProcessRunner.reprise(["diff", "o/image-manifest.json", "o/image-manifest.json"], in: folder.path, environment: mock.environment())
    #expect(diff.stdout.contains("cost parts (new): $0."), "\(diff.stdout)")
  }
}
