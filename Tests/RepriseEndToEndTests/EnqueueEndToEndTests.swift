import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

/// `reprise enqueue`: a job's identity is its request and its output file, and an existing output
/// is refused before anything is queued.
@Suite struct EnqueueEndToEndTests {
  static let prompt = "A sun over the sea, flat vector"

  struct Run {
    let folder: TemporaryFolder
    let mock: MockServerProcess
    func reprise(_ arguments: [String]) throws -> ProcessRunner.Outcome {
      try ProcessRunner.reprise(arguments, in: folder.path, environment: mock.environment())
    }
    func enqueue(_ out: String, _ extra: [String] = []) throws -> ProcessRunner.Outcome {
      try reprise(["enqueue", "--prompt", EnqueueEndToEndTests.prompt, "--out", out, "--queue-dir", "q", "--seed", "7"] + extra)
    }
    func done() { mock.stop(); folder.remove() }
  }

  static func start() throws -> Run {
    let folder = try TemporaryFolder("reprise-enqueue")
    return Run(folder: folder, mock: try MockServerProcess(logPath: folder.url("mock.log")))
  }

  @Test func theSameNameInAnotherFolderOrWithAnotherExtensionIsAnotherJob() throws {
    let run = try Self.start()
    defer { run.done() }
    var ids: [String] = []
    for out in ["a/sun.png", "b/sun.png", "a/sun.webp"] {
      // The .webp job gets its own request id so the drain below leaves it alone: the mock answers
      // PNG bytes, which would be written as a/sun.png.
      let result = try run.enqueue(out, ["--request-id", out.hasSuffix(".webp") ? "sun-ext" : "sun-folders"])
      #expect(result.status == 0, "\(result.stderr)")
      let ack = try JSONParser().parse(result.stdout)
      #expect(ack["state"] == .string("queued"), "\(out): \(result.stdout)")
      ids.append(ack["job_id"]?.stringValue ?? "?")
    }
    #expect(Set(ids).count == 3, "\(ids)")
    #expect(ids.allSatisfy { $0.hasPrefix("sun-") })
    // The same output with the same request is still one job.
    let again = try JSONParser().parse(try run.enqueue("./b/../b/sun.png", ["--request-id", "sun-folders"]).stdout)
    #expect(again["state"] == .string("already_queued"))
    #expect(again["job_id"]?.stringValue == ids[1])
    let drained = try run.reprise(["drain", "--queue-dir", "q", "--quiet", "--request-id", "sun-folders"])
    #expect(drained.status == 0, "\(drained.stderr)")
    #expect(drained.stdout.hasPrefix("drained 2 jobs: 2 succeeded, 0 failed"), "\(drained.stdout)")
    #expect(ImageInfo.sniff(try run.folder.read("a/sun.png"))?.format == .png)
    #expect(ImageInfo.sniff(try run.folder.read("b/sun.png"))?.format == .png)
    #expect(run.mock.loggedRequests().count == 2)
    #expect(try FileManager.default.contentsOfDirectory(atPath: run.folder.url("q/pending")) == [ids[2] + ".json"], "the .webp job still waits")
  }

  @Test func anExistingOutputIsRefusedBeforeQueuing() throws {
    let run = try Self.start()
    defer { run.done() }
    try run.folder.write("sun.png", text: "mine")
    let before = run.folder.snapshot()
    let refused = try run.enqueue("sun.png")
    #expect(refused.status == 2, "\(refused.stderr)")
    #expect(
      refused.stderr == "error: --out 'sun.png' already exists: reprise never overwrites an image silently (pass --overwrite to let the worker replace it)\n")
    #expect(refused.stdout.isEmpty)
    #expect(run.folder.snapshot() == before, "no queue folder, no job file")
    let allowed = try run.enqueue("sun.png", ["--overwrite"])
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(try JSONParser().parse(allowed.stdout)["state"] == .string("queued"))
  }

  @Test func enqueueingAFinishedJobAgainSaysSoAndQueuesNothing() throws {
    let run = try Self.start()
    defer { run.done() }
    let first = try JSONParser().parse(try run.enqueue("out/sun.png").stdout)
    #expect(try run.reprise(["drain", "--queue-dir", "q", "--quiet"]).status == 0)
    let image = try run.folder.read("out/sun.png")
    let again = try run.enqueue("out/sun.png")
    #expect(again.status == 0, "\(again.stderr)")
    let ack = try JSONParser().parse(again.stdout)
    #expect(ack["state"] == .string("already_succeeded"))
    #expect(ack["job_id"] == first["job_id"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: run.folder.url("q/pending")).isEmpty)
    #expect(try run.folder.read("out/sun.png") == image)
  }
}
