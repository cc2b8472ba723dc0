import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

/// `--on-complete CMD ARG...` against a real `openrouter-mock`: the hook runs exactly once when
/// every job of its request has ended, whichever worker ends the last one, with the request id,
/// the status and the status file in its environment (and never the key), its output in the
/// hand-off log and its exit code in the handoff record.
@Suite struct CompletionHookEndToEndTests {
  static let prompt = "A snow crab poster, flat vector, centred"

  /// A hook that appends one line per run to `hook.txt` (after a pause, so a second run racing
  /// the first would show) and copies the status file it was given.
  static let script = """
    #!/bin/sh
    sleep 0.3
    echo "run $REPRISE_REQUEST_ID $REPRISE_STATUS key=${OPENROUTER_API_KEY:-none} args=$*" >> "$HOOK_OUT/hook.txt"
    cp "$REPRISE_STATUS_JSON" "$HOOK_OUT/status-$REPRISE_REQUEST_ID.json"
    echo "hook says hello"
    exit "${HOOK_EXIT:-0}"
    """

  static func setup(_ mockArguments: [String] = ["--latency-ms", "300"]) throws -> MockedBatchFolder {
    let batch = try MockedBatchFolder("reprise-hook", mockArguments: mockArguments)
    let path = try batch.folder.write("hook.sh", text: script)
    chmod(path, 0o755)
    return batch
  }

  static func env(_ batch: MockedBatchFolder, exit: Int = 0) -> [String: String] {
    ["HOOK_OUT": batch.folder.path, "HOOK_EXIT": String(exit)]
  }

  static func hookLines(_ batch: MockedBatchFolder) -> [String] {
    ((try? batch.folder.readText("hook.txt")) ?? "").split(separator: "\n").map(String.init)
  }

  static func record(_ batch: MockedBatchFolder, _ requestID: String) throws -> JSONValue {
    try JSONParser().parse(batch.folder.read("gen/imagegen-queue/handoff/\(requestID).json"))
  }

  @Test func twoConcurrentDrainsOfOneRequestRunTheHookExactlyOnce() throws {
    let s = try Self.setup()
    defer { s.done() }
    let queued = try s.reprise(
      [
        "variants", "--prompt", Self.prompt, "--count", "6", "--out-dir", "gen", "--request-id", "req-two", "--background",
        "--max-background-workers", "0", "--on-complete", "./hook.sh", "first arg", "--second",
      ], extra: Self.env(s))
    #expect(queued.status == 0, "\(queued.stderr)")
    let ack = try JSONParser().parse(queued.stdout)
    #expect(ack["worker_state"] == .string("skipped"))
    #expect(ack["on_complete"]?["argv"] == .strings(["./hook.sh", "first arg", "--second"]), "everything after --on-complete is the hook")
    #expect(try Self.record(s, "req-two")["on_complete"]?["executable"] == .string(s.folder.url("hook.sh")))

    let drains = ["drain", "--queue-dir", "gen/imagegen-queue", "--concurrency", "3"]
    let environment = s.mock.environment().merging(Self.env(s)) { $1 }
    let a = try RunningProcess(drains, in: s.folder.path, environment: environment, label: "a")
    let b = try RunningProcess(drains, in: s.folder.path, environment: environment, label: "b")
    let ra = a.wait(), rb = b.wait()
    #expect(ra.status == 0, "\(ra.stderr)")
    #expect(rb.status == 0, "\(rb.stderr)")

    // The jobs really were split between the two workers.
    let jobs = ack["jobs"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(jobs.count == 6)
    let workers = Set(jobs.compactMap { try? JSONParser().parse(s.folder.read("gen/imagegen-queue/results/\($0).json"))["worker_id"]?.stringValue })
    #expect(workers.count == 2, "both drains finished jobs of the request")

    #expect(Self.hookLines(s) == ["run req-two succeeded key=none args=first arg --second"], "one run, the right environment, no key")
    let status = try JSONParser().parse(s.folder.read("status-req-two.json"))
    #expect(status["status"] == .string("succeeded"))
    #expect(status["request_id"] == .string("req-two"))
    #expect(status["counts"]?["succeeded"] == .int(6))
    #expect(status["outputs"]?.arrayValue?.count == 6)

    let hook = try #require(try Self.record(s, "req-two")["on_complete"])
    #expect(hook["state"] == .string("ran"))
    #expect(hook["exit_code"] == .int(0))
    #expect(hook["status"] == .string("succeeded"))
    #expect(hook["started_at"]?.stringValue != nil && hook["finished_at"]?.stringValue != nil)
    let log = try s.folder.readText("gen/imagegen-queue/handoff/req-two.worker.log")
    #expect(log.contains("hook says hello"), "the hook's output goes to the hand-off log")
    #expect(log.contains("on-complete hook for request req-two exited with 0"))

    // Another drain finds nothing to do and does not run the hook again.
    let again = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue"], extra: Self.env(s))
    #expect(again.status == 0, "\(again.stderr)")
    #expect(Self.hookLines(s).count == 1)
  }

  @Test func aFailedJobGivesStatusFailedAndTheHooksExitCodeIsRecorded() throws {
    // A 400 is never retried: the jobs fail.
    let s = try Self.setup(["--fail-first", "1", "--fail-status", "400"])
    defer { s.done() }
    let queued = try s.reprise(
      [
        "variants", "--prompt", Self.prompt, "--count", "2", "--out-dir", "gen", "--request-id", "req-fail", "--concurrency", "1", "--background",
        "--on-complete", "./hook.sh",
      ], extra: Self.env(s, exit: 3))
    #expect(queued.status == 0, "\(queued.stderr)")
    #expect(try JSONParser().parse(queued.stdout)["worker_state"] == .string("spawned"))
    try Poll.until("the hook ran", timeout: 60) { (try? Self.record(s, "req-fail")["on_complete"]?["state"]) == .string("ran") }
    #expect(Self.hookLines(s) == ["run req-fail failed key=none args="])
    let status = try JSONParser().parse(s.folder.read("status-req-fail.json"))
    #expect(status["status"] == .string("failed"))
    #expect(status["failures"]?.arrayValue?.isEmpty == false)
    let hook = try #require(try Self.record(s, "req-fail")["on_complete"])
    #expect(hook["exit_code"] == .int(3))
    #expect(hook["status"] == .string("failed"))
  }

  @Test func aWorkerKilledAfterClaimingTheHookLeavesItForTheNextDrain() throws {
    let s = try Self.setup([])
    defer { s.done() }
    let queued = try s.reprise(
      [
        "variants", "--prompt", Self.prompt, "--count", "2", "--out-dir", "gen", "--request-id", "req-kill", "--background",
        "--max-background-workers", "0", "--on-complete", "./hook.sh",
      ], extra: Self.env(s))
    #expect(queued.status == 0, "\(queued.stderr)")
    let killed = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue"], extra: Self.env(s).merging(["REPRISE_FAILPOINT": "after-hook-claim"]) { $1 })
    #expect(killed.status == 128 + 9, "killed right after claiming the hook")
    #expect(Self.hookLines(s).isEmpty)
    let marker = try JSONParser().parse(s.folder.read("gen/imagegen-queue/handoff/on-complete/req-kill.fired"))
    #expect(marker["state"] == .string("claimed"))
    let status = try s.reprise(["status", "--queue-dir", "gen/imagegen-queue", "--request-id", "req-kill"])
    #expect(status.status == 0, "every job had ended before the kill")

    let next = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue"], extra: Self.env(s))
    #expect(next.status == 0, "\(next.stderr)")
    #expect(Self.hookLines(s) == ["run req-kill succeeded key=none args="], "the claimed hook is run by the next drain, once")
    #expect(try Self.record(s, "req-kill")["on_complete"]?["state"] == .string("ran"))
    _ = try s.reprise(["drain", "--queue-dir", "gen/imagegen-queue"], extra: Self.env(s))
    #expect(Self.hookLines(s).count == 1)
  }

  @Test(arguments: [
    (["--on-complete", "./hook.sh"], "--on-complete needs --background"),
    (["--background", "--on-complete"], "needs a command"),
    (["--background", "--on-complete", "no-such-program-reprise"], "was not found in PATH"),
    (["--background", "--on-complete", "./missing.sh"], "is not an executable file"),
  ])
  func badHooksAreUsageErrorsAndQueueNothing(extra: [String], message: String) throws {
    let s = try Self.setup([])
    defer { s.done() }
    let result = try s.reprise(["variants", "--prompt", Self.prompt, "--count", "1", "--out-dir", "gen"] + extra)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!s.folder.exists("gen/imagegen-queue"), "nothing queued")
    #expect(s.imageRequests() == 0)
  }
}
