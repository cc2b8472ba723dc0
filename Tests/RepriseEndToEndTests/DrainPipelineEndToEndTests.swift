import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

/// A drain sends the next request while the last job's output is still being written; at
/// --concurrency 1 it stays one job at a time.
@Suite struct DrainPipelineEndToEndTests {
  static func queue(_ s: MockedBatchFolder, count: Int) throws {
    let result = try s.reprise([
      "variants", "--prompt", "A heron stamp, flat vector", "--count", String(count), "--out-dir", "gen", "--prefix", "heron", "--background",
      "--max-background-workers", "0", "--seed", "11",
    ])
    #expect(result.status == 0, "\(result.stderr)")
  }

  /// Every job is held just after its record is staged. With two request slots, the drain holds
  /// the first two jobs and still claims and sends a third (its slots were given back when the
  /// responses arrived), and no fourth: at most 2 x 2 - 1 jobs are unfinished at once.
  @Test func theNextRequestGoesOutWhileOutputsAreBeingWritten() throws {
    let s = try MockedBatchFolder("reprise-pipeline")
    defer { s.done() }
    try Self.queue(s, count: 5)
    let release = s.folder.url("release")
    let drain = try RunningProcess(
      ["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "2", "--quiet"], in: s.folder.path,
      environment: s.mock.environment().merging(["REPRISE_FAILPOINT": "pause@after-stage", "REPRISE_FAILPOINT_RELEASE": release]) { $1 },
      label: "drain")
    let staged = { s.listing("processing").filter { $0.hasSuffix(".staged.json") }.count }
    #expect(Poll.wait(timeout: 60) { staged() == 3 }, "jobs held after staging: \(staged()), requests \(s.imageRequests())")
    Thread.sleep(forTimeInterval: 0.5)  // a fixed wait only to give a wrong drain the chance to send more
    #expect(s.imageRequests() == 3, "three unfinished jobs at most")
    #expect(s.listing("results").isEmpty)
    try s.folder.write("release", text: "go")
    let outcome = drain.wait()
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(s.listing("results").count == 5)
    #expect(s.imageRequests() == 5, "each job sent once")
  }

  /// At --concurrency 1 nothing more is sent while the one job is being written.
  @Test func concurrencyOneIsOneJobAtATime() throws {
    let s = try MockedBatchFolder("reprise-pipeline-one")
    defer { s.done() }
    try Self.queue(s, count: 2)
    let release = s.folder.url("release")
    let drain = try RunningProcess(
      ["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "1", "--quiet"], in: s.folder.path,
      environment: s.mock.environment().merging(["REPRISE_FAILPOINT": "pause@after-stage", "REPRISE_FAILPOINT_RELEASE": release]) { $1 },
      label: "drain")
    // The held job's staged record appears; the second job's request has not been sent by then
    // nor while it is held.
    #expect(Poll.wait(timeout: 60) { s.listing("processing").contains { $0.hasSuffix(".staged.json") } })
    let sent = s.imageRequests()
    Thread.sleep(forTimeInterval: 0.5)  // a fixed wait only to give a wrong drain the chance to send
    #expect(sent == 1 && s.imageRequests() == 1)
    try s.folder.write("release", text: "go")
    let outcome = drain.wait()
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(s.imageRequests() == 2)
  }
}
