import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What an agent relies on (seed 004): the acknowledgement's request id finds its jobs, an unknown
/// id is an error, a dead worker is reported with the command that resumes it, records survive a
/// moved or copied folder, reruns never reuse an earlier rerun's results, bad flags write nothing.
@Suite struct AgentContractEndToEndTests {
  typealias Setup = MockedBatchFolder

  static func setup(_ mockArguments: [String] = []) throws -> Setup { try MockedBatchFolder("reprise-agent", mockArguments: mockArguments) }

  @Test func theAcknowledgedRequestIDFindsItsPendingJobs() throws {
    let s = try Self.setup()
    defer { s.done() }
    let result = try s.reprise([
      "variants", "--prompt", "pending frog", "--count", "3", "--out-dir", "out", "--prefix", "f", "--background", "--max-background-workers", "0",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let ack = try JSONParser().parse(result.stdout)
    #expect(ack["status"] == .string("queued"))
    #expect(ack["worker_state"] == .string("skipped"))
    // Exactly the fields the README lists for a variants acknowledgement.
    #expect(Set(ack.objectValue?.keys.map { $0 } ?? []) == [
      "status", "request_id", "jobs", "outputs", "manifest", "manifest_id", "already_succeeded", "queue_dir", "handoff_mode",
      "handoff_file", "worker_state", "worker_log", "worker_pid", "live_workers_before", "max_background_workers",
      "orphan_timeout_sec", "recovered_orphans", "queued_at", "status_command", "reason",
    ])
    #expect(ack["status_command"]?.stringValue?.hasPrefix("reprise status --queue-dir ") == true)
    let requestID = try #require(ack["request_id"]?.stringValue)
    for job in ack["jobs"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
      let file = try JSONParser().parse(s.folder.read("out/imagegen-queue/pending/\(job).json"))
      #expect(file["request_id"] == .string(requestID))
      #expect(file["out_root"] == .string("../.."), "job files point at outputs relative to themselves")
    }
    let status = try s.reprise(["status", "--request-id", requestID, "--queue-dir", "out/imagegen-queue", "--json"])
    let report = try JSONParser().parse(status.stdout)
    #expect(report["counts"]?["pending"] == .int(3))
    #expect(report["status"] == .string("stalled"), "pending with no worker is not 'succeeded' nor 'running'")
    #expect(status.status == 5)
    let unknown = try s.reprise(["status", "--request-id", "nobody-asked", "--queue-dir", "out/imagegen-queue", "--json"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr == "error: no jobs for request id nobody-asked in out/imagegen-queue\n")
    // Resuming: the drain --background printed by status finishes the jobs.
    let resume = try s.reprise(["drain", "--queue-dir", "out/imagegen-queue", "--background"])
    #expect(resume.status == 0, "\(resume.stderr)")
    #expect(try JSONParser().parse(resume.stdout)["worker_state"] == .string("spawned"))
    let done = QueueInvariants.waitFor { (try? s.reprise(["status", "--request-id", requestID, "--queue-dir", "out/imagegen-queue"]).status) == 0 }
    #expect(done)
  }

  @Test func aDeadWorkerIsReportedOrphanedAndTheSameBackgroundCommandResumesIt() throws {
    let s = try Self.setup()
    defer { s.done() }
    let command = ["variants", "--prompt", "orphan owl", "--count", "2", "--out-dir", "gen", "--prefix", "owl", "--background", "--request-id", "agent-7"]
    // The background worker dies (kill -9 at its first claim); the ack was already printed.
    let first = try s.reprise(command, extra: ["REPRISE_FAILPOINT": "after-claim"])
    #expect(first.status == 0, "\(first.stderr)")
    let orphaned = QueueInvariants.waitFor {
      guard let status = try? s.reprise(["status", "--request-id", "agent-7", "--queue-dir", "gen/imagegen-queue"]) else { return false }
      return status.status == 5 && status.stdout.contains("orphaned    owl-")
    }
    #expect(orphaned, "status reports the dead worker's claim as orphaned")
    let status = try s.reprise(["status", "--request-id", "agent-7", "--queue-dir", "gen/imagegen-queue"])
    #expect(
      status.stdout.contains("stalled: 1 job(s) were claimed by a worker that died; resume with: reprise drain --queue-dir \(s.queue) --background"),
      "\(status.stdout)")
    // Repeating the same --background command starts a fresh worker that finishes both.
    let again = try s.reprise(command)
    #expect(again.status == 0, "\(again.stderr)")
    let ack = try JSONParser().parse(again.stdout)
    #expect(ack["worker_state"] == .string("spawned"))
    #expect(QueueInvariants.waitFor { (try? s.reprise(["status", "--request-id", "agent-7", "--queue-dir", "gen/imagegen-queue"]).status) == 0 })
    let jobs = ack["jobs"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(jobs.count == 2)
    let found = QueueInvariants.check(jobs: jobs, queue: s.queue, batchFolder: s.folder.url("gen"), mock: s.mock)
    #expect(found.violations.isEmpty, "\(found)")
  }

  @Test func aMovedOrCopiedBatchFolderChecksItsOwnFiles() throws {
    let s = try Self.setup()
    defer { s.done() }
    let run = try s.reprise(["variants", "--prompt", "moving day", "--count", "2", "--out-dir", "batch", "--prefix", "mv", "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    try FileManager.default.moveItem(atPath: s.folder.url("batch"), toPath: s.folder.url("batch-moved"))
    let verify = try s.reprise(["verify", "batch-moved/mv-manifest.json"])
    #expect(verify.status == 0, "\(verify.stdout)")
    let status = try s.reprise(["status", "--manifest", "batch-moved/mv-manifest.json", "--json"])
    #expect(status.status == 0, "\(status.stdout)")
    let outputs = try JSONParser().parse(status.stdout)["outputs"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(outputs.count == 2)
    #expect(outputs.allSatisfy { $0.hasPrefix(s.folder.url("batch-moved") + "/") }, "\(outputs)")
    // A copy checks the copy: changing the original's image does not make the copy fail.
    let copy = try ProcessRunner.run("/bin/cp", ["-a", "batch-moved", "batch-copy"], in: s.folder.path)
    #expect(copy.status == 0)
    try s.folder.write("batch-moved/mv-0001.png", text: "not the image any more")
    #expect(try s.reprise(["verify", "batch-copy/mv-manifest.json"]).status == 0)
    let original = try s.reprise(["verify", "batch-moved/mv-manifest.json"])
    #expect(original.status == 1, "\(original.stdout)")
  }

  @Test func aRerunIntoAnotherFolderSendsItsRequestsAgain() throws {
    let s = try Self.setup()
    defer { s.done() }
    #expect(try s.reprise(["variants", "--prompt", "rerun robin", "--count", "2", "--out-dir", "gen", "--prefix", "rb", "--quiet"]).status == 0)
    #expect(s.imageRequests() == 2)
    let first = try s.reprise(["rerun", "gen/rb-manifest.json", "--expect-identical", "--json", "--quiet"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(s.imageRequests() == 4)
    let elsewhere = try s.reprise(["rerun", "gen/rb-manifest.json", "--out-dir", "other", "--expect-identical", "--json", "--quiet"])
    #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
    #expect(s.imageRequests() == 6, "the second rerun sent its own requests")
    let report = try JSONParser().parse(elsewhere.stdout)
    #expect(report["rerun_dir"]?.stringValue?.hasSuffix("/other/rb-rerun-2") == true, "\(report["rerun_dir"] ?? .null)")
    #expect((report["cost"]?.doubleValue ?? 0) > 0)
    let rows = report["jobs"]?.arrayValue ?? []
    #expect(Set(rows.compactMap { $0["rerun_job_id"]?.stringValue }).count == 2)
    #expect(rows.allSatisfy { $0["rerun_job_id"]?.stringValue?.hasSuffix("-rerun-2") == true })
  }

  @Test(arguments: [
    (["--queue-dir", "afile"], 2, "--queue-dir 'afile' is a file, not a folder"),
    (["--queue-dir", "/proc/reprise-queue"], 2, "--queue-dir '/proc/reprise-queue' cannot be created"),
    (["--plan-only", "--concurrency", "0"], 64, "--concurrency 0 is out of range"),
    (["--plan-only", "--timeout", "abc"], 64, "--timeout"),
    (["--dry-run", "--max-retries", "-5"], 64, "--max-retries"),
    (["--plan-only", "--max-cost", "abc"], 64, "--max-cost"),
  ])
  func badRunFlagsWriteNothing(extra: [String], code: Int32, message: String) throws {
    let s = try Self.setup()
    defer { s.done() }
    _ = try s.folder.write("afile", text: "x")
    let before = s.folder.snapshot()
    let result = try s.reprise(["variants", "--prompt", "nothing written", "--count", "2", "--out-dir", "gen"] + extra)
    #expect(result.status == code, "\(result.stderr)")
    #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }.count == 1)
    #expect(s.folder.snapshot().keys.filter { !$0.hasPrefix("mock.log") } == before.keys.filter { !$0.hasPrefix("mock.log") }, "nothing was written")
    #expect(!s.folder.exists("gen"))
  }

  @Test func maxCostWithConcurrencyOvershootsByAtMostOneJob() throws {
    let s = try Self.setup(["--latency-ms", "150"])
    defer { s.done() }
    // About $0.067 a job: a $0.10 cap allows the second job, never a third.
    let result = try s.reprise([
      "variants", "--prompt", "capped crane", "--count", "10", "--out-dir", "gen", "--concurrency", "8", "--max-cost", "0.10", "--json", "--quiet",
    ])
    #expect(result.status == 3, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    let cost = report["cost"]?.doubleValue ?? 0
    #expect(cost >= 0.10 && cost < 0.10 + 0.068, "spent \(cost)")
    #expect(s.imageRequests() == 2)
  }

  /// `--max-cost` with `--background` caps the detached worker's spend too (it used to be dropped
  /// at the hand-off, so the worker spent without limit).
  @Test func maxCostReachesTheBackgroundWorker() throws {
    let s = try Self.setup(["--latency-ms", "50"])
    defer { s.done() }
    let queued = try s.reprise([
      "variants", "--prompt", "capped crane", "--count", "6", "--out-dir", "gen", "--concurrency", "1", "--max-cost", "0.10", "--background",
    ])
    #expect(queued.status == 0, "\(queued.stderr)")
    // The worker stops claiming at the cap and exits; the rest wait in pending/ (status: stalled).
    try Poll.until("the capped worker to stop", timeout: 60) {
      (try? s.reprise(["status", "--queue-dir", "gen/imagegen-queue"]).status) == 5
    }
    #expect(s.imageRequests() == 2, "about $0.067 a job: the second job passes $0.10, no third")
    #expect(s.listing("pending").filter { $0.hasSuffix(".json") }.count == 4)
  }
}
