import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// SIGTERM ends every command that can be interrupted with exit 130, as Ctrl-C does, leaving no
/// partial file behind.
@Suite struct InterruptEndToEndTests {
  static let prompt = "A snow crab poster, flat vector, centred"

  @Test func sigtermDuringGenerateExits130AndWritesNothing() throws {
    let folder = try TemporaryFolder("reprise-sigterm")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--latency-ms", "30000"], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    try FileManager.default.createDirectory(atPath: folder.url("out"), withIntermediateDirectories: true)
    let run = try RunningProcess(
      ["generate", "--prompt", Self.prompt, "--out", "out/x.png", "--save-response-json", "out/x.json"], in: folder.path, environment: mock.environment(),
      label: "generate")
    try Poll.until("generate's request to reach the mock") { mock.openConnections() > 0 }
    run.signal(SIGTERM)
    let result = run.wait()
    #expect(result.status == 130, "\(result.stderr)")
    #expect(result.stderr == "error: interrupted (SIGTERM)\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url("out")).isEmpty, "no image, response or temporary file")
  }

  @Test func ctrlCDuringGenerateExits130AndWritesNothing() throws {
    let folder = try TemporaryFolder("reprise-sigint")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--latency-ms", "30000"], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let run = try RunningProcess(["generate", "--prompt", Self.prompt, "--out", "x.png"], in: folder.path, environment: mock.environment(), label: "generate")
    try Poll.until("generate's request to reach the mock") { mock.openConnections() > 0 }
    run.signal(SIGINT)
    #expect(run.wait().status == 130)
    #expect(!folder.exists("x.png"))
  }

  @Test func sigtermDuringDrainReturnsUnfinishedJobsAndExits130() throws {
    let folder = try TemporaryFolder("reprise-sigterm")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--latency-ms", "1500"], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    for n in 1...2 {
      let queued = try ProcessRunner.reprise(["enqueue", "--prompt", Self.prompt + " \(n)", "--out", "out/\(n).png", "--queue-dir", "q"], in: folder.path)
      #expect(queued.status == 0, "\(queued.stderr)")
    }
    let run = try RunningProcess(["drain", "--queue-dir", "q", "--concurrency", "1"], in: folder.path, environment: mock.environment(), label: "drain")
    try Poll.until("the drain's first request to reach the mock") { mock.openConnections() > 0 }
    run.signal(SIGTERM)
    let result = run.wait()
    #expect(result.status == 130, "\(result.stderr)")
    #expect(result.stderr.contains("interrupted: finishing in-flight requests"))
    #expect(result.stdout.hasPrefix("drained 1 job: 1 succeeded, 0 failed") && result.stdout.hasSuffix(" (interrupted)\n"), "\(result.stdout)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url("q/results")).filter { $0.hasSuffix(".json") }.count == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url("q/pending")).count == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url("q/processing")).isEmpty)
  }

  @Test func sigtermDuringForegroundVariantsExits130() throws {
    let folder = try TemporaryFolder("reprise-sigterm")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--latency-ms", "1500"], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let run = try RunningProcess(
      ["variants", "--prompt", Self.prompt, "--count", "2", "--out-dir", "gen", "--concurrency", "1"], in: folder.path, environment: mock.environment(),
      label: "variants")
    try Poll.until("the first variant's request to reach the mock") { mock.openConnections() > 0 }
    run.signal(SIGTERM)
    let result = run.wait()
    #expect(result.status == 130, "\(result.stderr)")
    #expect(result.stderr.contains("interrupted"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url("gen/imagegen-queue/pending")).count == 1)
  }
}
