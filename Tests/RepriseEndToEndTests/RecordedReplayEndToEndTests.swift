import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

/// Real OpenRouter responses (Tests/Recorded/openrouter-real) replayed verbatim by
/// `openrouter-mock --replay` on 127.0.0.1 (port 0) through the real client: what `reprise generate`
/// writes and records, or the one error line and exit code.
@Suite struct RecordedReplayEndToEndTests {
  /// The folder of recorded payloads.
  static let recorded = ProcessRunner.packageRoot + "/Tests/Recorded/openrouter-real/"

  /// One replayed recording and what the user must see.
  struct Success: Sendable, CustomTestStringConvertible {
    let file: String
    let arguments: [String]
    let out: String
    let mediaType: String
    let generationID: String
    let provider: String
    let model: String
    let cost: Double
    let imageTokens: Int
    var testDescription: String { file }
  }

  static let successes: [Success] = [
    Success(
      file: "01-chat-gemini-2.5-flash-image-2026-03.json", arguments: ["--model", "google/gemini-2.5-flash-image"], out: "img.png",
      mediaType: "image/png", generationID: "gen-1772542175-9oRNOTC7fWILB0HpeLU3", provider: "Google", model: "google/gemini-2.5-flash-image",
      cost: 0.0387012, imageTokens: 1290),
    Success(
      file: "02-chat-gemini-2.5-flash-image-2026-06.json", arguments: ["--model", "google/gemini-2.5-flash-image"], out: "img.png",
      mediaType: "image/png", generationID: "gen-1780944359-4bFbDDjFFG9V2J61xIga", provider: "Google", model: "google/gemini-2.5-flash-image",
      cost: 0.0387287, imageTokens: 1290),
    // The Image API: no id, provider or model in the body; id and provider come from the headers.
    Success(
      file: "03-images-gemini-3.1-flash-lite-image-2026-08.json", arguments: ["--model", "google/gemini-3.1-flash-lite-image", "--transport", "images"],
      out: "img.jpg", mediaType: "image/jpeg", generationID: "gen-img-1786572320-kjQhpPqI7jCgR4kQGMD4", provider: "Google AI Studio", model: "",
      cost: 0.03422675, imageTokens: 1120),
  ]

  @Test(arguments: successes) func recordedSuccessIsWrittenAndRecorded(_ c: Success) throws {
    let folder = try TemporaryFolder("reprise-replay")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--replay", Self.recorded + c.file], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let result = try ProcessRunner.reprise(
      ["generate", "--prompt", "a siamese cat", "--out", "img.png", "--output-format", "json"] + c.arguments, in: folder.path,
      environment: mock.environment())
    #expect(result.status == 0, "\(result.stderr)")
    let record = try JSONParser().parse(result.stdout)
    #expect(record["out"]?.stringValue?.hasSuffix(c.out) == true)
    #expect(record["media_type"] == .string(c.mediaType))
    #expect(record["generation_id"] == .string(c.generationID))
    #expect(record["provider"] == .string(c.provider))
    #expect(record["model_served"] == (c.model.isEmpty ? .null : .string(c.model)))
    #expect(record["cost"] == .double(c.cost))
    #expect(record["cost_openrouter"] == .double(c.cost))
    #expect(record["cost_upstream"] == .null)
    #expect(record["byok"] == .bool(false))
    #expect(record["cache_status"] == .null)
    #expect(record["image_tokens"] == .int(Int64(c.imageTokens)))
    let bytes = try folder.read(c.out)
    #expect(ImageInfo.sniff(bytes)?.width == 8)
    #expect(!result.stdout.contains("sk-or-test-key") && !result.stderr.contains("sk-or-test-key"))
  }

  /// One replayed error and its line.
  struct Failure: Sendable, CustomTestStringConvertible {
    let file: String
    let arguments: [String]
    let line: String
    let attempts: Int
    var testDescription: String { file }
  }

  static let failures: [Failure] = [
    Failure(
      file: "05-error-401-missing-auth-2026-06.json", arguments: [],
      line: "error: generation failed after 1 attempt: OpenRouter 401 (unauthorized): Missing Authentication header "
        + "- check OPENROUTER_API_KEY (a key from https://openrouter.ai/settings/keys)", attempts: 1),
    // Every previous error repeats the message: nothing more to show.
    Failure(
      file: "06-error-400-context-length-2026-06.json", arguments: [],
      line: "error: generation failed after 1 attempt: OpenRouter 400 (bad request): This endpoint's maximum context length is 200000 tokens.",
      attempts: 1),
    Failure(
      file: "10-chat-gpt-5-image-mini-tool-call-no-image-2026-01.json", arguments: ["--model", "openai/gpt-5-image-mini"],
      line: "error: generation failed after 1 attempt: OpenRouter 200 (no_image, completed): model returned no image "
        + "(finish_reason: tool_calls, native_finish_reason: completed): no text", attempts: 1),
    Failure(
      file: "11-error-429-provider-returned-error-2025-11.json", arguments: ["--max-retries", "1"],
      line: "error: generation failed after 2 attempts: OpenRouter 429 (rate limited): Provider returned error: "
        + "google/gemini-2.0-flash-exp:free is temporarily rate-limited upstream.", attempts: 2),
    Failure(
      file: "13-error-404-no-endpoints-routing-funnel-seedream-5-0-lite-2026-09.json", arguments: ["--transport", "chat"],
      line: "error: generation failed after 1 attempt: OpenRouter 404 (not found): No endpoints found that support the requested output "
        + "modalities: image, text (failed routing step: Filter by Model Output Modalities) "
        + "- this model has no chat endpoint that returns images: use --transport images (the Image API)", attempts: 1),
    Failure(
      file: "16-error-413-downloaded-image-too-large-2026-08.json", arguments: [],
      line: "error: generation failed after 1 attempt: OpenRouter 413 (payload too large): Downloaded image content cannot exceed 30MB "
        + "- the baseline image URL serves more than OpenRouter downloads (30 MB): use a smaller image", attempts: 1),
  ]

  @Test(arguments: failures) func recordedErrorIsOneLineAndExitOne(_ c: Failure) throws {
    let folder = try TemporaryFolder("reprise-replay")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--replay", Self.recorded + c.file], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let result = try ProcessRunner.reprise(
      ["generate", "--prompt", "a siamese cat", "--out", "img.png"] + c.arguments, in: folder.path, environment: mock.environment())
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 1, "\(result.stderr)")
    #expect(lines.first?.hasPrefix(c.line) == true, "\(result.stderr)")
    #expect(mock.loggedRequests().count == c.attempts)
    #expect(!FileManager.default.fileExists(atPath: folder.url("img.png")))
  }

  /// A 402 in-flight budget refusal is retried after its Retry-After, then the recorded Image API
  /// success is written.
  @Test func inFlightBudgetIsRetriedAfterRetryAfter() throws {
    let folder = try TemporaryFolder("reprise-replay")
    defer { folder.remove() }
    let recording = URL(fileURLWithPath: Self.recorded + "03-images-gemini-3.1-flash-lite-image-2026-08.json")
    let success = try JSONParser().parse(Array(try Data(contentsOf: recording)))
    let refusal: JSONValue = .object([
      "status": .int(402), "headers": .object(["Content-Type": .strings(["application/json"]), "Retry-After": .strings(["1"])]),
      "body": .string(
        #"{"error":{"code":402,"message":"In-flight spending budget exhausted","metadata":{"error_type":"in_flight_budget_exhausted","#
          + #""limit_source":"openrouter_in_flight_budget"}}}"#),
    ])
    let script: JSONValue = .object(["interactions": .array([.object(["response": refusal]), success["interactions"]?.arrayValue?.first ?? .null])])
    try Data(JSONWriter.pretty(script).utf8).write(to: URL(fileURLWithPath: folder.url("script.json")))
    let mock = try MockServerProcess(["--replay", folder.url("script.json")], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let started = Date()
    let result = try ProcessRunner.reprise(
      [
        "generate", "--prompt", "a cat", "--out", "img.jpg", "--model", "google/gemini-3.1-flash-lite-image", "--transport", "images",
        "--output-format", "json",
      ],
      in: folder.path, environment: mock.environment())
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Date().timeIntervalSince(started) >= 1)
    let record = try JSONParser().parse(result.stdout)
    #expect(record["attempts"] == .int(2))
    #expect(record["generation_id"] == .string("gen-img-1786572320-kjQhpPqI7jCgR4kQGMD4"))
  }
}
