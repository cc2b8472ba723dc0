import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Many invocations at once: racing `variants` on one prefix, racing hand-offs against a worker
/// cap, and drains killed at random moments. The assertions are the invariants, not timings.
@Suite struct ConcurrencyEndToEndTests {
  typealias Setup = MockedBatchFolder

  static func setup(_ mockArguments: [String] = []) throws -> Setup { try MockedBatchFolder("reprise-race", mockArguments: mockArguments) }

  static let prompt = "A lighthouse badge, flat vector, two colours"

  @Test func fourVariantsRunsOnOnePrefixKeepEveryJob() throws {
    let s = try Self.setup(["--latency-ms", "200"])
    defer { s.done() }
    let runs = try [1, 4, 7, 10].map { start in
      try s.start(
        [
          "variants", "--prompt", Self.prompt, "--count", "3", "--start-index", String(start), "--out-dir", "gen", "--prefix", "light", "--seed", "3",
          "--quiet",
        ], label: "v\(start)")
    }
    for run in runs {
      let outcome = run.wait()
      #expect(outcome.status == 0, "\(outcome.stderr)")
    }
    let manifest = try JSONParser().parse(s.folder.read("gen/light-manifest.json"))
    let jobs = manifest["jobs"]?.arrayValue ?? []
    #expect(jobs.count == 12, "manifest keeps \(jobs.count) of 12 jobs")
    #expect(jobs.compactMap { $0["index"]?.intValue } == Array(1...12).map(Int64.init))
    #expect(manifest["batches"]?.arrayValue?.count == 4)
    let images = try FileManager.default.contentsOfDirectory(atPath: s.folder.url("gen")).filter { $0.hasSuffix(".png") }
    #expect(images.count == 12)
    let verify = try s.reprise(["verify", "gen/light-manifest.json"])
    #expect(verify.status == 0, "\(verify.stdout)")
    let found = QueueInvariants.check(jobs: jobs.compactMap { $0["job_id"]?.stringValue }, queue: s.queue, batchFolder: s.folder.url("gen"), mock: s.mock)
    #expect(found.violations.isEmpty, "\(found)")
    #expect(!FileManager.default.fileExists(atPath: s.folder.url("gen/.light-manifest.json.lock")), "the manifest lock is removed")
  }

  @Test func fivePlanOnlyWritersAllLand() throws {
    let s = try Self.setup()
    defer { s.done() }
    let runs = try [1, 4, 7, 10, 13].map { start in
      try s.start(
        ["variants", "--prompt", Self.prompt, "--count", "3", "--start-index", String(start), "--out-dir", "gen", "--prefix", "plan", "--plan-only"],
        label: "p\(start)")
    }
    for run in runs {
      let outcome = run.wait()
      #expect(outcome.status == 0, "\(outcome.stderr)")
    }
    let manifest = try JSONParser().parse(s.folder.read("gen/plan-manifest.json"))
    #expect(manifest["jobs"]?.arrayValue?.count == 15)
    let check = try s.reprise(["rerun", "gen/plan-manifest.json", "--dry-run"])
    #expect(check.status == 0, "the merged manifest's id and requests check out: \(check.stdout)")
  }

  @Test func twentyRacingHandoffsNeverRunMoreWorkersThanTheCap() throws {
    let s = try Self.setup(["--latency-ms", "250"])
    defer { s.done() }
    try FileManager.default.createDirectory(atPath: s.queue + "/workers", withIntermediateDirectories: true)
    let monitor = LiveWorkerMonitor(workers: s.queue + "/workers")
    monitor.start()
    let handoffs = try (1...20).map { n in
      try s.start(
        [
          "variants", "--prompt", Self.prompt, "--count", "2", "--out-dir", "gen", "--prefix", "h\(n)", "--background", "--max-background-workers", "2",
          "--request-id", "race-\(n)",
        ], label: "h\(n)")
    }
    var jobs: [String] = []
    for run in handoffs {
      let outcome = run.wait()
      #expect(outcome.status == 0, "\(outcome.stderr)")
      let ack = try JSONParser().parse(outcome.stdout)
      #expect(ack["status"] == .string("queued"))
      jobs += ack["jobs"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
    #expect(jobs.count == 40)
    let finished = QueueInvariants.waitFor(timeout: 120) {
      ((try? FileManager.default.contentsOfDirectory(atPath: s.queue + "/results")) ?? []).count == 40
        && WorkerLock.liveWorkerCount(QueueLayout(root: s.queue)) == 0
    }
    monitor.stop()
    #expect(finished, "all 40 jobs finished and every worker exited")
    #expect(monitor.maximum <= 2, "up to \(monitor.maximum) live workers at once with --max-background-workers 2")
    #expect(monitor.maximum >= 1)
    // The records agree: no more than two workers' active spans overlap.
    var spans: [String: (Double, Double)] = [:]
    for job in jobs {
      let record = try JSONParser().parse(s.folder.read("gen/imagegen-queue/results/\(job).json"))
      guard let worker = record["worker_id"]?.stringValue, let start = Timestamp.parse(record["started_at"]?.stringValue ?? ""),
        let end = Timestamp.parse(record["finished_at"]?.stringValue ?? "")
      else { continue }
      let span = spans[worker] ?? (start, end)
      spans[worker] = (min(span.0, start), max(span.1, end))
    }
    var edges: [(time: Double, change: Int)] = []
    for span in spans.values {
      edges.append((span.0, 1))
      edges.append((span.1, -1))
    }
    edges.sort { a, b in a.time == b.time ? a.change < b.change : a.time < b.time }
    var live = 0
    var most = 0
    for edge in edges {
      live += edge.change
      most = max(most, live)
    }
    #expect(most <= 2, "worker spans from the records overlap \(most) deep")
    let found = QueueInvariants.check(jobs: jobs, queue: s.queue, batchFolder: s.folder.url("gen"), mock: s.mock)
    #expect(found.violations.isEmpty, "\(found)")
    #expect(found.duplicateSends == 0)
  }

  @Test func drainsKilledAtRandomMomentsLoseNothing() throws {
    let s = try Self.setup([
      "--latency-ms", "120", "--jitter-ms", "100", "--fail-rate", "0.2", "--fail-status", "429", "--retry-after", "0", "--random-seed", "5",
    ])
    defer { s.done() }
    let queued = try s.reprise([
      "variants", "--prompt", Self.prompt, "--count", "100", "--out-dir", "gen", "--prefix", "chaos", "--background", "--max-background-workers", "0", "--seed",
      "9",
    ])
    #expect(queued.status == 0, "\(queued.stderr)")
    let jobs = try JSONParser().parse(queued.stdout)["jobs"]?.arrayValue?.compactMap(\.stringValue) ?? []
    var generator = SplitMix64(seed: 0x5eed)
    var kills = 0
    for round in 0..<8 {
      let a = try s.start(["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "4", "--quiet"], label: "a\(round)")
      let b = try s.start(["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "3", "--quiet"], label: "b\(round)")
      // The delay before the kill is the chaos under test, not a wait for some state.
      usleep(UInt32(80_000 + generator.next() % 300_000))
      a.signal(SIGKILL)
      if a.wait().status == 128 + SIGKILL { kills += 1 }
      usleep(UInt32(generator.next() % 200_000))
      b.signal(SIGKILL)
      if b.wait().status == 128 + SIGKILL { kills += 1 }
    }
    let last = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue", "--quiet"])
    #expect(last.status == 0, "\(last.stderr)")
    let found = QueueInvariants.check(jobs: jobs, queue: s.queue, batchFolder: s.folder.url("gen"), mock: s.mock)
    #expect(found.violations.isEmpty, "\(found)")
    print(
      "chaos: \(found.jobs) jobs, \(kills) kills, \(found.duplicateSends) duplicate sends (jobs whose image was in flight when their worker died), "
        + "violations: \(found.violations.count)"
    )
    #expect(kills >= 1)
  }
}

/// Samples how many worker locks are held, every few milliseconds, from another thread.
final class LiveWorkerMonitor: @unchecked Sendable {
  private let workers: String
  private let lock = NSLock()
  private var running = true
  private var most = 0
  private var thread: Thread?

  init(workers: String) { self.workers = workers }

  var maximum: Int { lock.lock(); defer { lock.unlock() }; return most }

  func start() {
    let thread = Thread { [self] in
      while true {
        lock.lock()
        let go = running
        lock.unlock()
        if !go { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workers)) ?? []
        var live = 0
        for name in names where name.hasPrefix("w") && name.hasSuffix(".lock") {
          let fd = open(workers + "/" + name, O_RDONLY | O_CLOEXEC)
          guard fd >= 0 else { continue }
          if flock(fd, LOCK_SH | LOCK_NB) != 0 { live += 1 } else { flock(fd, LOCK_UN) }
          close(fd)
        }
        lock.lock()
        most = max(most, live)
        lock.unlock()
        usleep(2_000)
      }
    }
    self.thread = thread
    thread.start()
  }

  func stop() {
    lock.lock()
    running = false
    lock.unlock()
  }
}
