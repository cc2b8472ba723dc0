import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `kill -9` between every two steps of claim -> send -> place -> record -> clean-up, made
/// deterministic with `REPRISE_FAILPOINT`, then a plain drain: every job ends succeeded once, its
/// output valid, nothing left in pending/ or processing/, no temporary anywhere, and the provider
/// called a second time only for a job whose image was not yet stored when the worker died.
@Suite struct CrashWindowEndToEndTests {
  typealias Setup = MockedBatchFolder

  static func setup() throws -> Setup { try MockedBatchFolder("reprise-crash") }

  static func queueBatch(_ s: Setup, count: Int) throws -> [String] {
    let result = try s.reprise([
      "variants", "--prompt", "A snow crab stamp, flat vector", "--count", String(count), "--out-dir", "gen", "--prefix", "crab", "--background",
      "--max-background-workers", "0", "--seed", "7",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return try JSONParser().parse(result.stdout)["jobs"]?.arrayValue?.compactMap(\.stringValue) ?? []
  }

  /// Each step, and whether the killed job's image was already stored (then it is never sent again).
  static let windows: [(step: String, stored: Bool)] = [
    ("after-claim", false), ("after-send", false), ("during-response-write", false), ("after-image-write", false),
    ("during-stage-write", false), ("after-stage", false), ("after-place", true), ("during-result-write", true),
    ("after-result-write", true), ("after-staged-remove", true),
  ]

  @Test(arguments: windows.map(\.step))
  func killAtEveryStepThenDrainCompletesEachJobOnce(step: String) throws {
    let s = try Self.setup()
    defer { s.done() }
    let jobs = try Self.queueBatch(s, count: 3)
    #expect(jobs.count == 3)
    let killed = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "1", "--quiet"], extra: ["REPRISE_FAILPOINT": step])
    #expect(killed.status == 128 + SIGKILL, "the fail point \(step) was reached: \(killed.stderr)")
    #expect(s.listing("processing").contains { $0.hasSuffix(".json") && !$0.hasSuffix(".staged.json") }, "the killed worker left its claim")
    // While nobody works on it, status says the claim is orphaned and how to resume.
    let status = try s.reprise(["status", "--queue-dir", "gen/imagegen-queue", "--json"])
    #expect(status.status == 5, "\(status.stdout)")
    let report = try JSONParser().parse(status.stdout)
    #expect(report["status"] == .string("stalled"))
    #expect(report["resume_command"]?.stringValue == "reprise drain --queue-dir \(s.queue) --background")

    let again = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue", "--quiet"])
    #expect(again.status == 0, "\(again.stderr)")
    let found = QueueInvariants.check(jobs: jobs, queue: s.queue, batchFolder: s.folder.url("gen"), mock: s.mock)
    #expect(found.violations.isEmpty, "\(step): \(found)")
    let stored = Self.windows.first { $0.step == step }!.stored
    let sentBeforeKill = step == "after-claim" ? 0 : 1
    #expect(s.imageRequests() == (stored ? 3 : 3 + sentBeforeKill), "\(step): requests \(s.imageRequests()), per job \(found.sendsPerJob)")
    let final = try s.reprise(["status", "--queue-dir", "gen/imagegen-queue"])
    #expect(final.status == 0, "\(final.stdout)")
  }

  @Test func fullDiskWhileWritingAnImageStopsAtOnceAndAPlainDrainFinishes() throws {
    let s = try Self.setup()
    defer { s.done() }
    let jobs = try Self.queueBatch(s, count: 4)
    let full = try s.reprise(
      ["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "1", "--quiet"], extra: ["REPRISE_FAILPOINT": "enospc@image-write"])
    #expect(full.status == 1)
    let errors = full.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
    #expect(errors.count == 1, "\(full.stderr)")
    #expect(errors.first?.contains("No space left on device") == true)
    #expect(errors.first?.contains("4 job(s) wait in") == true, "\(full.stderr)")
    #expect(s.imageRequests() == 1, "stopped claiming after the first image it could not store")
    #expect(s.listing("pending").count == 4)
    #expect(s.listing("processing").isEmpty)
    #expect(QueueInvariants.temporariesUnder(s.folder.url("gen")).isEmpty)
    let again = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue", "--quiet"])
    #expect(again.status == 0, "\(again.stderr)")
    let found = QueueInvariants.check(jobs: jobs, queue: s.queue, batchFolder: s.folder.url("gen"), mock: s.mock)
    #expect(found.violations.isEmpty, "\(found)")
  }

  @Test func unwritableResultsAfterPlacementKeepTheImageAndRecoveryRecordsItWithoutResending() throws {
    let s = try Self.setup()
    defer { s.done() }
    let jobs = try Self.queueBatch(s, count: 3)
    let full = try s.reprise(
      ["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "1", "--quiet"], extra: ["REPRISE_FAILPOINT": "eacces@result-write"])
    #expect(full.status == 1)
    #expect(full.stderr.contains("error: stopped claiming: cannot write the result"), "\(full.stderr)")
    #expect(full.stderr.contains("Permission denied"))
    #expect(s.imageRequests() == 1)
    let status = try s.reprise(["status", "--queue-dir", "gen/imagegen-queue"])
    #expect(status.status == 5, "the stored image waits for its record: \(status.stdout)")
    let again = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue", "--quiet"])
    #expect(again.status == 0, "\(again.stderr)")
    let found = QueueInvariants.check(jobs: jobs, queue: s.queue, batchFolder: s.folder.url("gen"), mock: s.mock)
    #expect(found.violations.isEmpty, "\(found)")
    #expect(s.imageRequests() == 3, "the stored image was recorded, not bought again")
  }

  @Test func aClaimThatCannotBeRenamedIsAnErrorNotAnEmptyDrain() throws {
    let s = try Self.setup()
    defer { s.done() }
    _ = try Self.queueBatch(s, count: 2)
    let result = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue"], extra: ["REPRISE_FAILPOINT": "eacces@claim"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("error: stopped claiming: cannot claim"), "\(result.stderr)")
    #expect(result.stderr.contains("Permission denied"))
    #expect(s.imageRequests() == 0)
    #expect(s.listing("pending").count == 2)
  }

  @Test func aSuccessRecordIsNeverTurnedIntoAFailure() throws {
    // The window the trust issue found: result written, claim not yet removed (kill -9). The next
    // drain must keep the success, not requeue the claim and fail it with "output exists".
    let s = try Self.setup()
    defer { s.done() }
    let jobs = try Self.queueBatch(s, count: 1)
    let killed = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue", "--quiet"], extra: ["REPRISE_FAILPOINT": "after-staged-remove"])
    #expect(killed.status == 128 + SIGKILL)
    #expect(s.listing("results") == ["\(jobs[0]).json"])
    #expect(s.listing("processing").count == 1, "claim left behind: \(s.listing("processing"))")
    let again = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue", "--json", "--quiet"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(s.listing("failed").isEmpty)
    #expect(s.listing("processing").isEmpty)
    #expect(s.imageRequests() == 1)
    let verify = try s.reprise(["verify", "gen/crab-manifest.json"])
    #expect(verify.status == 0, "\(verify.stdout)")
  }
}
