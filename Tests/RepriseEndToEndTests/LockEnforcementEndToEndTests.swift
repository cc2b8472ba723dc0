import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `--enforce-locks N` through the real binaries and `openrouter-mock`. The mock ignores the
/// baseline (its colours come from the prompt, its layout from the seed), so with a baseline and
/// both locks on every output drifts and every retry is made; with only the composition lock and
/// a looser threshold, the seed that gave the baseline's own layout keeps it, which stops early.
@Suite struct LockEnforcementEndToEndTests {
  static let prompt = "Refine this crab logo"

  /// A folder with a mock and a baseline the mock painted (prompt "A crab logo", seed 5).
  static func setup(_ label: String, mockArguments: [String] = []) throws -> MockedBatchFolder {
    let s = try MockedBatchFolder(label, mockArguments: mockArguments)
    let base = try s.reprise(["variants", "--prompt", "A crab logo", "--count", "1", "--out-dir", "base", "--seed", "5", "--quiet"])
    #expect(base.status == 0, "\(base.stderr)")
    return s
  }

  static func variants(_ s: MockedBatchFolder, _ extra: [String]) throws -> ProcessRunner.Outcome {
    try s.reprise(
      ["variants", "--prompt", prompt, "--out-dir", "gen", "--baseline-image", "base/image-0001.png", "--confirm-external-upload", "--quiet"] + extra)
  }

  static func results(_ s: MockedBatchFolder) throws -> [JSONValue] {
    try s.listing("results").filter { $0.hasSuffix(".json") }.map { try JSONParser().parse(try s.folder.readText("gen/imagegen-queue/results/" + $0)) }
  }

  /// Image requests for the batch (the baseline's one request left out).
  static func batchRequests(_ s: MockedBatchFolder) -> Int { s.imageRequests() - 1 }

  @Test func aDriftingJobIsRetriedNTimesEveryAttemptRecordedAndTheBestKept() throws {
    let s = try Self.setup("reprise-locks-retry")
    defer { s.done() }
    let run = try Self.variants(s, ["--count", "2", "--seed", "5", "--enforce-locks", "2", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Self.batchRequests(s) == 6, "2 jobs x (1 + 2 retries)")
    let records = try Self.results(s)
    #expect(records.count == 2)
    var total = 0.0
    for record in records {
      let enforcement = try #require(record["lock_enforcement"])
      #expect(enforcement["retries_allowed"] == .int(2))
      #expect(enforcement["stopped"] == .string("limit"))
      let attempts = try #require(enforcement["attempts"]?.arrayValue)
      #expect(attempts.count == 3)
      let planned = try #require(record["index"]?.intValue).advanced(by: 4)  // seed rule: 5 + index - 1
      #expect(attempts.map { $0["seed"]?.intValue } == [planned, planned + 1, planned + 2])
      #expect(attempts.map { $0["attempt"]?.intValue } == [0, 1, 2])
      #expect(Set(attempts.compactMap { $0["request_sha256"]?.stringValue }).count == 3)
      let drifted = JSONValue.string("drifted")
      #expect(attempts.allSatisfy { $0["verdicts"]?["palette"]?["state"] == drifted && $0["verdicts"]?["composition"]?["state"] == drifted })
      // The best: fewest broken locks (all two here), then the smallest palette distance.
      let best = attempts.min { ($0["verdicts"]?["palette"]?["value"]?.doubleValue ?? 0) < ($1["verdicts"]?["palette"]?["value"]?.doubleValue ?? 0) }!
      #expect(attempts.filter { $0["kept"] == .bool(true) }.count == 1)
      #expect(best["kept"] == .bool(true))
      #expect(enforcement["kept_attempt"] == best["attempt"])
      // The result records the seed and request actually used, and the kept output.
      #expect(record["seed"] == best["seed"])
      #expect(record["request_sha256"] == best["request_sha256"])
      #expect(record["provider_sha256"] == best["provider_sha256"])
      #expect(record["generation_id"] == best["generation_id"])
      #expect(record["measures"]?["locks"]?["palette"]?["value"] == best["verdicts"]?["palette"]?["value"])
      // Every attempt's cost is counted.
      let sum = attempts.reduce(0.0) { $0 + ($1["cost"]?.doubleValue ?? 0) }
      #expect(abs((record["cost"]?.doubleValue ?? 0) - sum) < 1e-9)
      #expect(attempts.allSatisfy { ($0["cost"]?.doubleValue ?? 0) > 0 })
      total += sum
      // The embedded record names the kept attempt's seed and request.
      let out = try #require(record["out"]?.stringValue)
      let inspected = try s.reprise(["inspect", PathMath.absolute(out, base: s.queue + "/results"), "--json"])
      let embedded = try JSONParser().parse(inspected.stdout)
      #expect(embedded["reprise"]?["seed"] == best["seed"] && embedded["reprise"]?["request_sha256"] == best["request_sha256"], "\(inspected.stdout)")
      // Typed, sorted JSON: reading and writing the record gives the same bytes.
      let parsed = try #require(JobResult(reading: record))
      #expect(JSONWriter.pretty(parsed.json) == JSONWriter.pretty(record))
    }
    let report = try JSONParser().parse(run.stdout)
    #expect(abs((report["cost"]?.doubleValue ?? 0) - total) < 1e-6, "\(run.stdout)")
    let jobs = records.compactMap { $0["job_id"]?.stringValue }
    let found = QueueInvariants.check(jobs: jobs, queue: s.queue, batchFolder: s.folder.url("gen"), mock: s.mock)
    #expect(found.violations.isEmpty, "\(found)")
    // The manifest keeps the planned seeds and requests: status, verify and rerun --dry-run pass.
    let status = try s.reprise(["status", "--manifest", "gen/image-manifest.json"])
    #expect(status.status == 0, "\(status.stdout)")
    for record in records {
      let job = record["job_id"]?.stringValue ?? ""
      let (attempt, seed) = (record["lock_enforcement"]?["kept_attempt"]?.intValue ?? -1, record["seed"]?.intValue ?? -1)
      let line = status.stdout.split(separator: "\n").first { $0.hasPrefix("ok ") && $0.contains(" \(job) ") }.map(String.init) ?? ""
      #expect(line.hasSuffix("; kept attempt \(attempt) of 3 (seed \(seed); stopped: limit)"), "\(status.stdout)")
    }
    let verify = try s.reprise(["verify", "gen/image-manifest.json"])
    #expect(verify.status == 0, "\(verify.stdout)")
    let dry = try s.reprise(["rerun", "gen/image-manifest.json", "--dry-run"])
    #expect(dry.status == 0, "\(dry.stdout)")
    #expect(dry.stdout.contains("2 of 2 requests match"), "\(dry.stdout)")
    // rerun replays the planned requests (never retried) and says when the earlier output came from a retry.
    let kept = records.map { ($0["job_id"]?.stringValue ?? "", $0["lock_enforcement"]?["kept_attempt"]?.intValue ?? 0, $0["seed"]?.intValue ?? 0) }
    #expect(kept.contains { $0.1 > 0 }, "the mock's outputs for seeds 5-8 make one job keep a retry: \(kept)")
    let rerun = try s.reprise(["rerun", "gen/image-manifest.json", "--quiet"])
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(Self.batchRequests(s) == 8, "a rerun sends each planned request once")
    for (job, attempt, seed) in kept {
      let line = rerun.stdout.split(separator: "\n").first { $0.contains(" \(job)") }.map(String.init) ?? ""
      let note = "; earlier output: --enforce-locks attempt \(attempt) (seed \(seed)); rerun sent the planned request"
      #expect(line.hasSuffix(note) == (attempt > 0), "\(rerun.stdout)")
    }
  }

  @Test func anAttemptThatKeepsItsLocksStopsTheRetries() throws {
    let s = try Self.setup("reprise-locks-early")
    defer { s.done() }
    // Planned seed 4 drifts (SSIM 0.56); seed 5, the baseline's layout, keeps it (0.59 >= 0.58).
    let run = try Self.variants(s, ["--count", "1", "--seed", "4", "--no-lock-palette", "--composition-threshold", "0.58", "--enforce-locks", "5"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Self.batchRequests(s) == 2)
    let record = try #require(try Self.results(s).first)
    let enforcement = try #require(record["lock_enforcement"])
    #expect(enforcement["stopped"] == .string("kept"))
    #expect(enforcement["kept_attempt"] == .int(1))
    #expect(record["seed"] == .int(5))
    let attempts = enforcement["attempts"]?.arrayValue ?? []
    #expect(attempts.map { $0["verdicts"]?["composition"]?["state"]?.stringValue } == ["drifted", "kept"])
    #expect(attempts.allSatisfy { $0["verdicts"]?["palette"] == nil })
    #expect(record["measures"]?["locks"]?["composition"]?["state"] == .string("kept"))
  }

  @Test func maxCostStopsTheRetries() throws {
    let s = try Self.setup("reprise-locks-cost")
    defer { s.done() }
    // One attempt costs about $0.067: the second fits under $0.15, a third would pass it.
    let run = try Self.variants(s, ["--count", "1", "--seed", "5", "--enforce-locks", "5", "--max-cost", "0.15"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Self.batchRequests(s) == 2)
    let record = try #require(try Self.results(s).first)
    #expect(record["lock_enforcement"]?["stopped"] == .string("max_cost"))
    #expect(record["lock_enforcement"]?["attempts"]?.arrayValue?.count == 2)
    #expect((record["cost"]?.doubleValue ?? 1) <= 0.15)
  }

  @Test func zeroRetriesAndUnlockedJobsBehaveAsBefore() throws {
    let s = try Self.setup("reprise-locks-zero")
    defer { s.done() }
    #expect(try Self.variants(s, ["--count", "2", "--seed", "5", "--enforce-locks", "0"]).status == 0)
    #expect(Self.batchRequests(s) == 2)
    #expect(try Self.results(s).allSatisfy { $0["lock_enforcement"] == nil && $0["seed"] != nil })
    // Without locks there is nothing to enforce.
    let unlocked = try s.reprise(["variants", "--prompt", "A fox", "--count", "1", "--out-dir", "fox", "--enforce-locks", "3", "--quiet"])
    #expect(unlocked.status == 0, "\(unlocked.stderr)")
    #expect(Self.batchRequests(s) == 3)
  }

  @Test(arguments: ["11", "-1", "two"])
  func aBadCountIsAUsageErrorAndWritesNothing(value: String) throws {
    let s = try Self.setup("reprise-locks-bad")
    defer { s.done() }
    let run = try Self.variants(s, ["--count", "1", "--enforce-locks", value])
    #expect(run.status == 64)
    #expect(run.stderr.contains("--enforce-locks") && run.stderr.contains("accepted 0 to 10"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: s.folder.url("gen")))
    let drain = try s.reprise(["drain", "--queue-dir", "base/imagegen-queue", "--enforce-locks", value])
    #expect(drain.status == 64)
    #expect(drain.stderr.contains("accepted 0 to 10"), "\(drain.stderr)")
  }

  @Test func aWorkerKilledBetweenAttemptsLeavesNoTemporaryAndTheNextDrainFinishes() throws {
    let s = try Self.setup("reprise-locks-crash")
    defer { s.done() }
    let queued = try Self.variants(s, ["--count", "1", "--seed", "5", "--background", "--max-background-workers", "0"])
    #expect(queued.status == 0, "\(queued.stderr)")
    let jobs = try JSONParser().parse(queued.stdout)["jobs"]?.arrayValue?.compactMap(\.stringValue) ?? []
    let drain = ["drain", "--queue-dir", "gen/imagegen-queue", "--quiet", "--enforce-locks", "2"]
    let killed = try s.reprise(drain, extra: ["REPRISE_FAILPOINT": "between-lock-attempts@2"])
    #expect(killed.status == 128 + SIGKILL, "\(killed.stderr)")
    #expect(Self.batchRequests(s) == 2, "killed before its third request")
    #expect(QueueInvariants.temporariesUnder(s.folder.url("gen")).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: s.folder.url("gen/image-0001.png")))
    let again = try s.reprise(drain)
    #expect(again.status == 0, "\(again.stderr)")
    let found = QueueInvariants.check(jobs: jobs, queue: s.queue, batchFolder: s.folder.url("gen"), mock: s.mock)
    #expect(found.violations.isEmpty, "\(found)")
    let record = try #require(try Self.results(s).first)
    #expect(record["lock_enforcement"]?["attempts"]?.arrayValue?.count == 3, "sent again from its planned request")
    #expect(Self.batchRequests(s) == 5)
  }

  /// A brand palette is enforced like a lock: without a baseline (no palette or composition
  /// lock), a job whose output misses the brand colours is retried, and every attempt records the
  /// brand-palette verdict it was ranked by.
  @Test func aBrandPaletteIsEnforcedLikeALock() throws {
    let s = try MockedBatchFolder("reprise-locks-brand")
    defer { s.done() }
    let run = try s.reprise([
      "variants", "--prompt", "A crab logo", "--count", "1", "--out-dir", "gen", "--seed", "5", "--quiet", "--palette", "#0A2540,#FF5A5F",
      "--palette-threshold", "1", "--enforce-locks", "2",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let record = try #require(try Self.results(s).first)
    let attempts = record["lock_enforcement"]?["attempts"]?.arrayValue ?? []
    #expect(attempts.count == 3, "\(record)")
    #expect(attempts.allSatisfy { $0["verdicts"]?["brand_palette"]?["state"] == .string("drifted") }, "\(attempts)")
    #expect(s.imageRequests() == 3)
  }

  @Test func theBackgroundWorkerGetsTheCountAndTheThresholds() throws {
    let s = try Self.setup("reprise-locks-background")
    defer { s.done() }
    let queued = try Self.variants(s, ["--count", "1", "--seed", "5", "--background", "--enforce-locks", "1", "--composition-threshold", "0.7"])
    #expect(queued.status == 0, "\(queued.stderr)")
    try Poll.until("the background worker's result", timeout: 60) { (try? Self.results(s).count) == 1 }
    let record = try #require(try Self.results(s).first)
    #expect(record["lock_enforcement"]?["retries_allowed"] == .int(1), "\(record)")
    #expect(record["lock_enforcement"]?["attempts"]?.arrayValue?.count == 2)
    #expect(record["measures"]?["locks"]?["composition"]?["threshold"]?.doubleValue == 0.7)
  }

  @Test func aReusedWorkerKeepsItsOwnSettingsAndTheAcknowledgementSaysSo() throws {
    // Slow answers keep the first worker alive while the second hand-off counts it.
    let s = try Self.setup("reprise-locks-reused", mockArguments: ["--latency-ms", "4000"])
    defer { s.done() }
    let first = try Self.variants(s, ["--count", "1", "--seed", "5", "--background", "--max-background-workers", "1"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(try JSONParser().parse(first.stdout)["worker_state"] == .string("spawned"))
    let second = try s.reprise([
      "variants", "--prompt", "A fox", "--count", "1", "--out-dir", "gen", "--prefix", "fox", "--background", "--max-background-workers", "1",
      "--enforce-locks", "2",
    ])
    #expect(second.status == 0, "\(second.stderr)")
    let ack = try JSONParser().parse(second.stdout)
    #expect(ack["worker_state"] == .string("reused"), "\(second.stdout)")
    #expect(ack["reason"]?.stringValue?.hasSuffix("with the settings it was started with, not --enforce-locks 2") == true, "\(second.stdout)")
    try Poll.until("both results", timeout: 90) { (try? Self.results(s).count) == 2 }
  }
}
