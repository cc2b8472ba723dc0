import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

/// `reprise generate` against a real `openrouter-mock` process, one mock per test.
@Suite struct GenerateEndToEndTests {
  static let prompt = "A snow crab poster, flat vector, centred"

  struct Run {
    let folder: TemporaryFolder
    let mock: MockServerProcess
    func reprise(_ arguments: [String], key: String = "sk-or-test-key", extra: [String: String] = [:]) throws -> ProcessRunner.Outcome {
      try ProcessRunner.reprise(arguments, in: folder.path, environment: mock.environment(key: key).merging(extra) { $1 })
    }
    func done() { mock.stop(); folder.remove() }
  }

  static func start(_ mockArguments: [String] = []) throws -> Run {
    let folder = try TemporaryFolder("reprise-gen")
    let mock = try MockServerProcess(mockArguments, logPath: folder.url("mock.log"))
    return Run(folder: folder, mock: mock)
  }

  @Test func writesARealPNGAndPrintsItsPath() throws {
    let run = try Self.start()
    defer { run.done() }
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "out/crab.png", "--aspect-ratio", "16:9"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "out/crab.png\n")
    let bytes = try run.folder.read("out/crab.png")
    #expect(ImageInfo.sniff(bytes) == ImageInfo(format: .png, width: 1344, height: 768))
    // The request went to chat completions with modalities, image_config and max_tokens; never /images/generations.
    let logged = run.mock.loggedRequests()
    #expect(logged.map { $0["path"] as? String } == ["/api/v1/chat/completions"])
    let body = try JSONParser().parse(Array(((logged[0]["body"] as? String) ?? "").utf8))
    #expect(body["modalities"] == .strings(["image", "text"]))
    #expect(body["image_config"]?["aspect_ratio"] == .string("16:9"))
    #expect(body["max_tokens"] == .int(4096))
  }

  @Test func jsonResultRecordsTheImageAndTheProvider() throws {
    let run = try Self.start()
    defer { run.done() }
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "a.png", "--output-format", "json", "--seed", "9"])
    #expect(result.status == 0, "\(result.stderr)")
    let record = try JSONParser().parse(result.stdout)
    let bytes = try run.folder.read("a.png")
    #expect(record["sha256"] == .string(SHA256.hash(bytes).hexString))
    #expect(record["bytes"] == .int(Int64(bytes.count)))
    #expect(record["generation_id"]?.stringValue?.hasPrefix("gen-") == true)
    #expect(record["provider"] == .string("Google"))
    #expect(record["cost"]?.doubleValue ?? 0 > 0)
    #expect(record["seed"] == .int(9))
    #expect(record["attempts"] == .int(1))
    let logged = run.mock.loggedRequests()
    #expect(record["request_sha256"] == .string(logged[0]["body_sha256"] as? String ?? "?"))
  }

  @Test(arguments: [
    "shape-bare-string", "shape-url-without-wrapper", "shape-content-image-url", "shape-inline-data", "shape-image-data", "shape-data-url-in-content",
    "shape-remote-url",
  ])
  func everyImageShapeBecomesAFile(mode: String) throws {
    let run = try Self.start(["--mode", mode])
    defer { run.done() }
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png"])
    #expect(result.status == 0, "\(mode): \(result.stderr)")
    #expect(ImageInfo.sniff(try run.folder.read("x.png"))?.format == .png)
  }

  @Test func previewAndFinalAreBothKeptAndTheFinalIsTheOutput() throws {
    let run = try Self.start(["--mode", "preview-final"])
    defer { run.done() }
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png"])
    #expect(result.status == 0)
    #expect(ImageInfo.sniff(try run.folder.read("x-preview-1.png"))?.width == 4)
    #expect(ImageInfo.sniff(try run.folder.read("x.png"))?.width == 1024)
  }

  @Test func jpegBytesAreNeverWrittenAsPNG() throws {
    let run = try Self.start(["--mode", "jpeg"])
    defer { run.done() }
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png"])
    #expect(result.status == 0)
    #expect(result.stdout == "x.jpg\n")
    #expect(!run.folder.exists("x.png"))
    #expect(ImageInfo.sniff(try run.folder.read("x.jpg"))?.format == .jpeg)
    #expect(result.stderr.contains("written as 'x.jpg'"))
  }

  @Test func imageOnlyModelsUseTheImagesAPI() throws {
    let run = try Self.start()
    defer { run.done() }
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png", "--model", "black-forest-labs/flux.2-pro", "--image-size", "medium"])
    #expect(result.status == 0, "\(result.stderr)")
    let logged = run.mock.loggedRequests()
    #expect(logged.map { $0["path"] as? String } == ["/api/v1/images"])
    let body = try JSONParser().parse(Array(((logged[0]["body"] as? String) ?? "").utf8))
    #expect(body["resolution"] == .string("2K"))
  }

  struct Failure: Sendable, CustomTestStringConvertible {
    let mode: String
    let message: String
    let attempts: Int
    var testDescription: String { mode }
  }

  @Test(arguments: [
    Failure(mode: "402", message: "OpenRouter 402", attempts: 1),
    Failure(mode: "403-moderation", message: "OpenRouter 403", attempts: 1),
    Failure(mode: "error-in-200", message: "OpenRouter 200", attempts: 3),
    Failure(mode: "choice-error", message: "OpenRouter 200", attempts: 3),
    Failure(mode: "refusal", message: "model returned no image (finish_reason: content_filter, native_finish_reason: IMAGE_SAFETY)", attempts: 1),
    Failure(mode: "text-only", message: "model returned no image (finish_reason: stop", attempts: 1),
    Failure(mode: "500", message: "OpenRouter 500", attempts: 3),
    Failure(mode: "close-mid-body", message: "network error", attempts: 3),
  ])
  func failuresAreOneLineExitOneAndWriteNothing(_ failure: Failure) throws {
    let run = try Self.start(["--mode", failure.mode])
    defer { run.done() }
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png", "--max-retries", "2"], extra: ["OPENROUTER_DEBUG": "0"])
    #expect(result.status == 1, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(result.stderr)")
    #expect(lines.first?.hasPrefix("error: generation failed after \(failure.attempts) attempt") == true, "\(result.stderr)")
    #expect(result.stderr.contains(failure.message), "\(result.stderr)")
    #expect(!run.folder.exists("x.png"))
    #expect(run.mock.loggedRequests().count == failure.attempts)
  }

  @Test func rateLimitsAreRetriedHonouringRetryAfter() throws {
    let run = try Self.start(["--fail-first", "2", "--fail-status", "429", "--retry-after", "1"])
    defer { run.done() }
    let started = Date()
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png", "--output-format", "json"])
    let elapsed = Date().timeIntervalSince(started)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try JSONParser().parse(result.stdout)["attempts"] == .int(3))
    #expect(elapsed >= 2.0, "Retry-After: 1 twice must wait about two seconds, took \(elapsed)")
    #expect(run.mock.loggedRequests().count == 3)
  }

  @Test func aStalledBodyTimesOut() throws {
    let run = try Self.start(["--mode", "stall", "--stall-sec", "30"])
    defer { run.done() }
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png", "--timeout", "2", "--max-retries", "0"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("timed out"), "\(result.stderr)")
    #expect(!run.folder.exists("x.png"))
  }

  @Test func aRejectedKeyIsNotRetriedAndNeverPrinted() throws {
    let run = try Self.start(["--require-key", "sk-right"])
    defer { run.done() }
    let secret = "sk-or-v1-SECRET-should-never-appear"
    let result = try run.reprise(
      ["generate", "--prompt", Self.prompt, "--out", "x.png", "--save-response-json", "resp.json"], key: secret, extra: ["OPENROUTER_DEBUG": "1"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("OpenRouter 401"))
    #expect(run.mock.loggedRequests().count == 1)
    #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret))
    for (_, bytes) in run.folder.snapshot() { #expect(!String(decoding: bytes, as: UTF8.self).contains(secret)) }
  }

  @Test func debugLinesAndSavedResponseCarryNoBase64() throws {
    let run = try Self.start()
    defer { run.done() }
    let result = try run.reprise(
      ["generate", "--prompt", Self.prompt, "--out", "x.png", "--save-response-json", "resp.json", "--output-format", "json"], extra: ["OPENROUTER_DEBUG": "1"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("debug: POST /api/v1/chat/completions status=200"))
    #expect(result.stderr.contains("attempt=1/5 generation=gen-"))
    let saved = try run.folder.readText("resp.json")
    #expect(!saved.contains("iVBOR") && !result.stderr.contains("iVBOR"))
    // The saved response names the provider's bytes; the file written also carries provenance.
    let record = try JSONParser().parse(result.stdout)
    let providerDigest = try #require(record["provider_sha256"]?.stringValue)
    #expect(saved.contains(providerDigest))
    #expect(record["sha256"]?.stringValue == SHA256.hash(try run.folder.read("x.png")).hexString)
    #expect(record["metadata"] == .string("embedded"))
  }

  @Test func existingOutputIsNeverOverwrittenSilently() throws {
    let run = try Self.start()
    defer { run.done() }
    try run.folder.write("x.png", text: "mine")
    let refused = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("already exists"))
    #expect(try run.folder.readText("x.png") == "mine")
    #expect(run.mock.loggedRequests().isEmpty)
    let replaced = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png", "--overwrite"])
    #expect(replaced.status == 0)
    #expect(ImageInfo.sniff(try run.folder.read("x.png")) != nil)
  }

  @Test func anExistingSaveResponseFileIsRefusedBeforeSending() throws {
    let run = try Self.start()
    defer { run.done() }
    try run.folder.write("resp.json", text: "mine")
    try run.folder.write("shot.png", bytes: [0x89, 0x50, 0x4E, 0x47])
    for target in ["resp.json", "shot.png"] {
      let before = run.folder.snapshot()
      let refused = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png", "--save-response-json", target, "--overwrite"])
      #expect(refused.status == 2, "\(refused.stderr)")
      #expect(refused.stderr == "error: --save-response-json '\(target)' already exists: reprise never overwrites a file (name a new one or remove it)\n")
      #expect(run.folder.snapshot() == before, "nothing written")
    }
    #expect(run.mock.loggedRequests().isEmpty, "nothing was sent")
  }

  @Test func saveResponseJSONNamingTheOutputIsAUsageError() throws {
    let run = try Self.start()
    defer { run.done() }
    try run.folder.write("x.png", text: "paid image")
    for (out, saved) in [("new.png", "./new.png"), ("x.png", "sub/../x.png")] {
      let before = run.folder.snapshot()
      let refused = try run.reprise(["generate", "--prompt", Self.prompt, "--out", out, "--overwrite", "--save-response-json", saved])
      #expect(refused.status == 64, "\(refused.stderr)")
      #expect(refused.stderr.hasPrefix("error: --save-response-json '\(saved)' is the same file as --out: name a different file for the response JSON\n"))
      #expect(run.folder.snapshot() == before, "nothing written")
    }
    #expect(run.mock.loggedRequests().isEmpty, "nothing was sent")
  }

  @Test func savedResponseGoesIntoANewFileAndFolder() throws {
    let run = try Self.start()
    defer { run.done() }
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png", "--save-response-json", "responses/x.json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let saved = try JSONParser().parse(Array(try run.folder.read("responses/x.json")))
    #expect(saved["choices"] != nil)
    #expect(ImageInfo.sniff(try run.folder.read("x.png"))?.format == .png)
    #expect(try FileManager.default.contentsOfDirectory(atPath: run.folder.url("responses")) == ["x.json"], "no temporary left behind")
  }

  @Test func missingKeyIsAUsageError() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let result = try ProcessRunner.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png"], in: folder.path)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("error: OPENROUTER_API_KEY is not set"))
  }

  @Test func baselineTravelsAsADataURL() throws {
    let run = try Self.start()
    defer { run.done() }
    let png = PNGEncoder.encode(width: 8, height: 8, pixels: [UInt8](repeating: 200, count: 8 * 8 * 3))
    try run.folder.write("base.png", bytes: png)
    let result = try run.reprise([
      "generate", "--prompt", "Keep the same crab but bluer", "--out", "x.png", "--baseline-image", "base.png", "--confirm-external-upload", "--output-format",
      "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let record = try JSONParser().parse(result.stdout)
    #expect(record["baseline_applied"] == .bool(true))
    #expect(record["rails_applied"] == .strings(["variation_strength=low", "lock_palette=true", "lock_composition=true"]))
    #expect(record["edit_intent_detected"] == .bool(true))
    let sent = run.mock.loggedRequests()[0]["body"] as? String ?? ""
    #expect(sent.contains("data:image/png;base64,"))
  }

  @Test func anOversizedResponseIsCutOffNotRetriedAndWritesNothing() throws {
    let run = try Self.start(["--mode", "large", "--large-bytes", "3000000"])
    defer { run.done() }
    let result = try run.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png"], extra: ["REPRISE_MAX_RESPONSE_MB": "1"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("larger than 1 MiB"), "\(result.stderr)")
    #expect(result.stderr.hasPrefix("error: generation failed after 1 attempt"))
    #expect(!run.folder.exists("x.png"))
  }
}
