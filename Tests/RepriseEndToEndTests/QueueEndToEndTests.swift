import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The queue against a real `openrouter-mock`: concurrent drains, crashes, rate limits, malformed
/// files, request filters, background handoff, reruns and Ctrl-C.
@Suite struct QueueEndToEndTests {
  static let prompt = "A snow crab poster, flat vector, centred"

  struct Setup {
    let folder: TemporaryFolder
    let mock: MockServerProcess
    var env: [String: String] { mock.environment() }
    var queue: String { folder.url("gen/imagegen-queue") }
    func reprise(_ arguments: [String]) throws -> ProcessRunner.Outcome { try ProcessRunner.reprise(arguments, in: folder.path, environment: env) }
    func start(_ arguments: [String], label: String) throws -> RunningProcess { try RunningProcess(arguments, in: folder.path, environment: env, label: label) }
    func done() { mock.stop(); folder.remove() }

    /// Queues a batch without running it (no background worker allowed).
    func queueBatch(count: Int, prefix: String = "crab", requestID: String? = nil, prompt: String = QueueEndToEndTests.prompt) throws -> [String] {
      var arguments = [
        "variants", "--prompt", prompt, "--count", String(count), "--out-dir", "gen", "--prefix", prefix, "--background", "--max-background-workers", "0",
        "--seed", "1",
      ]
      if let requestID { arguments += ["--request-id", requestID] }
      let result = try reprise(arguments)
      #expect(result.status == 0, "\(result.stderr)")
      let ack = try JSONParser().parse(result.stdout)
      #expect(ack["worker_state"] == .string("skipped"))
      return ack["jobs"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    func pending() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: queue + "/pending"))?.sorted() ?? [] }
    func results() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: queue + "/results"))?.sorted() ?? [] }
    func processing() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: queue + "/processing"))?.sorted() ?? [] }
    func imageRequests() -> [[String: Any]] { mock.loggedRequests().filter { ($0["path"] as? String)?.hasSuffix("/chat/completions") == true } }
  }

  static func setup(_ mockArguments: [String] = []) throws -> Setup {
    let folder = try TemporaryFolder("reprise-queue")
    return Setup(folder: folder, mock: try MockServerProcess(mockArguments, logPath: folder.url("mock.log")))
  }

  @Test func twoConcurrentDrainsProcessEachJobExactlyOnce() throws {
    let s = try Self.setup(["--latency-ms", "150"])
    defer { s.done() }
    let jobs = try s.queueBatch(count: 12)
    #expect(jobs.count == 12)
    let a = try s.start(["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "3"], label: "a")
    let b = try s.start(["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "3"], label: "b")
    let ra = a.wait(), rb = b.wait()
    #expect(ra.status == 0, "\(ra.stderr)")
    #expect(rb.status == 0, "\(rb.stderr)")
    #expect(s.results() == jobs.map { $0 + ".json" }.sorted())
    let bodies = s.imageRequests().compactMap { $0["body_sha256"] as? String }
    #expect(bodies.count == 12, "every job sent exactly once")
    #expect(Set(bodies).count == 12)
    #expect(s.pending().isEmpty && s.processing().isEmpty)
    // Both workers did work, and the records say which.
    let workers = Set(jobs.compactMap { try? JSONParser().parse(s.folder.read("gen/imagegen-queue/results/\($0).json"))["worker_id"]?.stringValue })
    #expect(workers.count == 2)
  }

  @Test func killNineMidDrainLosesNothingAndAnotherDrainFinishesOnce() throws {
    let s = try Self.setup(["--latency-ms", "1500"])
    defer { s.done() }
    let jobs = try s.queueBatch(count: 4)
    let drain = try s.start(["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "2"], label: "killed")
    #expect(QueueInvariants.waitFor(timeout: 30) { s.processing().filter { !$0.hasSuffix(".staged.json") }.count == 2 }, "two claims in flight")
    drain.signal(SIGKILL)
    #expect(drain.wait().status == 128 + SIGKILL)
    #expect(s.processing().count == 2, "two claims were in flight")
    // No partial image at any destination, no temporary left visible as an output.
    #expect(!(try FileManager.default.contentsOfDirectory(atPath: s.folder.url("gen"))).contains { $0.hasSuffix(".png") })
    let again = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr.contains("recovered 2 orphaned job(s)"))
    #expect(s.results() == jobs.map { $0 + ".json" }.sorted())
    #expect(s.processing().isEmpty)
    for job in jobs {
      let record = try JSONParser().parse(s.folder.read("gen/imagegen-queue/results/\(job).json"))
      let out = try #require(record["out"]?.stringValue)
      #expect(!out.hasPrefix("/"), "records hold paths relative to their folder")
      let absolute = PathMath.absolute(out, base: s.folder.url("gen/imagegen-queue/results"))
      #expect(SHA256.hash(try Array(Data(contentsOf: URL(fileURLWithPath: absolute)))).hexString == record["sha256"]?.stringValue)
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: s.folder.url("gen")).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
  }

  @Test func thirtyPercentRateLimitedStillAllSucceed() throws {
    let s = try Self.setup(["--fail-rate", "0.3", "--fail-status", "429", "--retry-after", "0", "--random-seed", "11"])
    defer { s.done() }
    let jobs = try s.queueBatch(count: 10)
    let result = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "4", "--json", "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(s.results().count == jobs.count)
    let attempts = try JSONParser().parse(result.stdout)["records"]?.arrayValue?.compactMap { $0["attempts"]?.intValue }.reduce(0, +) ?? 0
    #expect(attempts > Int64(jobs.count), "some requests were rate limited and retried")
    #expect(s.imageRequests().count == Int(attempts))
  }

  @Test func malformedJobFileIsFailedWithAReasonAndTheWorkerCarriesOn() throws {
    let s = try Self.setup()
    defer { s.done() }
    let jobs = try s.queueBatch(count: 2)
    try s.folder.write("gen/imagegen-queue/pending/broken.json", text: "{\"schema\": \"reprise.job/1\", \"job_id\": ")
    let result = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("drained 3 jobs: 2 succeeded, 1 failed"))
    #expect(s.results() == jobs.map { $0 + ".json" }.sorted())
    let failure = try JSONParser().parse(s.folder.read("gen/imagegen-queue/failed/broken.json"))
    #expect(failure["error"]?["code"] == .string("malformed_job"))
    #expect(failure["error"]?["message"]?.stringValue?.contains("not valid JSON") == true)
    #expect(s.folder.exists("gen/imagegen-queue/failed/broken.job-file"))
  }

  @Test func requestIDFilterNeverMovesOtherRequestsJobs() throws {
    let s = try Self.setup()
    defer { s.done() }
    let mine = try s.queueBatch(count: 2, prefix: "mine", requestID: "discord-1")
    let theirs = try s.queueBatch(count: 2, prefix: "theirs", requestID: "discord-2")
    let before = theirs.map { (try? s.folder.read("gen/imagegen-queue/pending/\($0).json")) ?? [] }
    let result = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue", "--request-id", "discord-1"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(s.results() == mine.map { $0 + ".json" }.sorted())
    #expect(s.pending() == theirs.map { $0 + ".json" }.sorted())
    #expect(theirs.map { (try? s.folder.read("gen/imagegen-queue/pending/\($0).json")) ?? [] } == before)
    // Nothing is working on discord-2's jobs: status says so and how to resume them.
    let status = try s.reprise(["status", "--queue-dir", "gen/imagegen-queue", "--request-id", "discord-2", "--json"])
    #expect(status.status == 5)
    let report = try JSONParser().parse(status.stdout)
    #expect(report["counts"]?["pending"] == .int(2))
    #expect(report["status"] == .string("stalled"))
    #expect(report["resume_command"]?.stringValue?.hasPrefix("reprise drain --queue-dir ") == true)
  }

  @Test func backgroundHandoffAcksFastAndTheWorkerFinishes() throws {
    let s = try Self.setup(["--latency-ms", "3000"])
    defer { s.done() }
    let result = try s.reprise(["variants", "--prompt", Self.prompt, "--count", "3", "--out-dir", "gen", "--background", "--request-id", "discord-9"])
    #expect(result.status == 0, "\(result.stderr)")
    // The acknowledgement comes back while the worker is still at work (each request takes 3 s).
    let early = try s.reprise(["status", "--queue-dir", "gen/imagegen-queue", "--request-id", "discord-9", "--json"])
    #expect(early.status == 3, "\(early.stdout)")
    #expect(try JSONParser().parse(early.stdout)["counts"]?["succeeded"] == .int(0))
    let ack = try JSONParser().parse(result.stdout)
    #expect(ack["status"] == .string("queued"))
    #expect(ack["worker_state"] == .string("spawned"))
    #expect(ack["handoff_mode"] == .string("background"))
    #expect(s.folder.exists("gen/imagegen-queue/handoff/discord-9.json"))
    #expect(QueueInvariants.waitFor(timeout: 60) { (try? s.reprise(["status", "--manifest", "gen/image-manifest.json"]).status) != 3 })
    let status = try s.reprise(["status", "--manifest", "gen/image-manifest.json"])
    #expect(status.status == 0, "\(status.stdout)")
    let record = try JSONParser().parse(s.folder.read("gen/imagegen-queue/results/\(ack["jobs"]!.arrayValue![0].stringValue!).json"))
    #expect(record["handoff_mode"] == .string("background"))
    #expect(record["same_turn_drain_detected"] == .bool(false))
    #expect(try s.folder.readText("gen/imagegen-queue/handoff/discord-9.worker.log").contains("drained 3 jobs: 3 succeeded"))
  }

  @Test func foregroundVariantsRecordsSameTurnDrain() throws {
    let s = try Self.setup()
    defer { s.done() }
    let result = try s.reprise(["variants", "--prompt", Self.prompt, "--count", "2", "--out-dir", "gen", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    #expect(report["counts"]?["succeeded"] == .int(2))
    let outputs = report["outputs"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(outputs.count == 2 && outputs.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    let record = try JSONParser().parse(s.folder.read("gen/imagegen-queue/results/\(s.results()[0])"))
    #expect(record["same_turn_drain_detected"] == .bool(true))
    #expect(record["handoff_mode"] == .string("foreground"))
    // Running it again sends nothing: the jobs already succeeded.
    let again = try s.reprise(["variants", "--prompt", Self.prompt, "--count", "2", "--out-dir", "gen"])
    #expect(again.status == 0)
    #expect(s.imageRequests().count == 2)
  }

  @Test func rerunSendsByteIdenticalBodies() throws {
    let s = try Self.setup()
    defer { s.done() }
    #expect(try s.reprise(["variants", "--prompt", Self.prompt, "--count", "3", "--out-dir", "gen"]).status == 0)
    let rerun = try s.reprise(["rerun", "gen/image-manifest.json", "--expect-identical"])
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(rerun.stdout.components(separatedBy: "identical  ").count - 1 == 3)
    let bodies = s.imageRequests().compactMap { $0["body_sha256"] as? String }
    #expect(bodies.count == 6)
    #expect(Array(bodies.prefix(3)).sorted() == Array(bodies.suffix(3)).sorted())
    let manifest = try ManifestDocument.decode(s.folder.read("gen/image-manifest.json"), name: "m").manifest
    #expect(Set(bodies) == Set(manifest.jobs.map(\.requestSHA256)))
    #expect(s.folder.exists("gen/image-rerun-1/image-0001.png"))
    // A second rerun never touches the first one's folder.
    #expect(try s.reprise(["rerun", "gen/image-manifest.json", "--only", "1"]).status == 0)
    #expect(s.folder.exists("gen/image-rerun-2/image-0001.png"))
  }

  @Test func ctrlCReturnsUnfinishedJobsAndExits130() throws {
    let s = try Self.setup(["--latency-ms", "1500"])
    defer { s.done() }
    let run = try s.start(["variants", "--prompt", Self.prompt, "--count", "3", "--out-dir", "gen", "--concurrency", "1"], label: "ctrlc")
    #expect(QueueInvariants.waitFor(timeout: 30) { s.processing().count == 1 }, "the first job is in flight")
    run.signal(SIGINT)
    let result = run.wait()
    #expect(result.status == 130, "\(result.stderr)")
    #expect(result.stderr.contains("interrupted"))
    #expect(s.results().count == 1, "the in-flight job finished within the grace period")
    #expect(s.pending().count == 2)
    #expect(s.processing().isEmpty)
  }

  @Test func failedJobsMakeTheDrainExitOne() throws {
    let s = try Self.setup()
    defer { s.done() }
    _ = try s.queueBatch(count: 2, prompt: Self.prompt + " [mock:402]")
    let result = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue", "--max-retries", "0"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("0 succeeded, 2 failed"))
    let failures = (try FileManager.default.contentsOfDirectory(atPath: s.queue + "/failed")).filter { $0.hasSuffix(".json") }
    #expect(failures.count == 2)
    let record = try JSONParser().parse(s.folder.read("gen/imagegen-queue/failed/\(failures[0])"))
    #expect(record["error"]?["status"] == .int(402))
    #expect(record["error"]?["retryable"] == .bool(false))
    #expect(record["edit_intent_detected"] == .bool(false))
    #expect(record["rails_applied"] == .strings([]))
  }
}
