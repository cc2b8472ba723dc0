import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

/// The documented refusals, cache and BYOK answers of `openrouter-mock` modes, through `reprise`.
@Suite struct OpenRouterLimitsEndToEndTests {
  static func generate(_ mode: String, _ extra: [String] = []) throws -> (ProcessRunner.Outcome, Int) {
    let folder = try TemporaryFolder("reprise-limits")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--mode", mode], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let result = try ProcessRunner.reprise(
      ["generate", "--prompt", "a snow crab", "--out", "a.png", "--output-format", "json"] + extra, in: folder.path, environment: mock.environment())
    return (result, mock.loggedRequests().count)
  }

  @Test func keyLimitIsOneLineWithTheFixAndNoRetry() throws {
    let (result, requests) = try Self.generate("403-key-limit")
    #expect(result.status == 1)
    #expect(requests == 1)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("OpenRouter 403 (forbidden): Key limit exceeded - this API key's credit limit is spent: raise the key's limit"))
    #expect(result.stderr.contains("or wait for its reset at 20"))
  }

  @Test func dailyCapFailsAtOnceWithTheResetTime() throws {
    let started = Date()
    let (result, requests) = try Self.generate("429-daily")
    #expect(result.status == 1)
    #expect(requests == 1)
    #expect(Date().timeIntervalSince(started) < 20)
    #expect(result.stderr.contains("Rate limit exceeded: free-models-per-day"))
    #expect(result.stderr.contains("- request cap reached; it resets at 20"))
    #expect(result.stderr.contains("(in 6h 0m): not retried"))
  }

  @Test func cacheHitIsRecordedWithZeroCost() throws {
    let (result, _) = try Self.generate("cache-hit")
    #expect(result.status == 0, "\(result.stderr)")
    let record = try JSONParser().parse(result.stdout)
    #expect(record["cache_status"] == .string("HIT"))
    #expect(record["cost"]?.doubleValue == 0)
    #expect(record["image_tokens"] == .int(0))
  }

  @Test func byokCostIncludesTheProvidersCharge() throws {
    let (result, _) = try Self.generate("byok")
    #expect(result.status == 0, "\(result.stderr)")
    let record = try JSONParser().parse(result.stdout)
    let fee = try #require(record["cost_openrouter"]?.doubleValue)
    let upstream = try #require(record["cost_upstream"]?.doubleValue)
    #expect(record["byok"] == .bool(true))
    #expect(upstream > fee && fee > 0)
    #expect(abs((record["cost"]?.doubleValue ?? 0) - (fee + upstream)) < 1e-12)
  }

  @Test func imageAPIIdAndProviderComeFromHeaders() throws {
    let (result, _) = try Self.generate("ok", ["--model", "black-forest-labs/flux.2-pro", "--transport", "images"])
    #expect(result.status == 0, "\(result.stderr)")
    let record = try JSONParser().parse(result.stdout)
    #expect(record["generation_id"]?.stringValue?.hasPrefix("gen-img-") == true)
    #expect(record["provider"]?.stringValue?.isEmpty == false)
  }

  @Test func routingFunnelOnChatSuggestsTheImageAPI() throws {
    let (result, _) = try Self.generate("404-routing-funnel", ["--transport", "chat"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("(failed routing step: Filter by Model Output Modalities) - this model has no chat endpoint"))
    #expect(result.stderr.contains("use --transport images"))
  }

  @Test func rerunAnsweredFromTheCacheIsNotARegeneration() throws {
    let folder = try TemporaryFolder("reprise-cache-rerun")
    defer { folder.remove() }
    let first = try MockServerProcess([], logPath: folder.url("mock1.log"))
    let made = try ProcessRunner.reprise(
      ["variants", "--prompt", "a snow crab logo", "--count", "1", "--out-dir", "gen", "--prefix", "c", "--quiet"], in: folder.path,
      environment: first.environment())
    first.stop()
    #expect(made.status == 0, "\(made.stderr)")
    let cached = try MockServerProcess(["--mode", "cache-hit"], logPath: folder.url("mock2.log"))
    defer { cached.stop() }
    let rerun = try ProcessRunner.reprise(["rerun", "gen/c-manifest.json", "--json", "--quiet"], in: folder.path, environment: cached.environment())
    #expect(rerun.status == 0, "\(rerun.stderr)")
    let report = try JSONParser().parse(rerun.stdout)
    #expect(report["jobs"]?.arrayValue?.first?["verdict"] == .string("cached"))
    let strict = try ProcessRunner.reprise(
      ["rerun", "gen/c-manifest.json", "--expect-identical", "--quiet"], in: folder.path, environment: cached.environment())
    #expect(strict.status == 1)
  }
}
