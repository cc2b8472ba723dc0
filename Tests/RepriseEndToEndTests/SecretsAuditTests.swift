import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

/// A full batch with a recognisable key: foreground variants with retries, a failing job, debug
/// output, a background worker, generate with a saved response. The key must appear nowhere:
/// not in any file under the folder (outputs, manifest, queue, handoff logs, responses) and not in
/// any captured output.
@Suite struct SecretsAuditTests {
  static let key = "sk-or-v1-RECOGNISABLE-SECRET-7f3a9c1e5b"

  @Test func theKeyAppearsNowhere() throws {
    let folder = try TemporaryFolder("reprise-secrets")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--fail-first", "1", "--fail-status", "429", "--retry-after", "0"], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = mock.environment(key: Self.key).merging(["OPENROUTER_DEBUG": "1"]) { $1 }
    var captured = ""
    func run(_ arguments: [String]) throws -> ProcessRunner.Outcome {
      let outcome = try ProcessRunner.reprise(arguments, in: folder.path, environment: env)
      captured += outcome.stdout + outcome.stderr
      return outcome
    }
    let prompt = "A snow crab poster, flat vector, centred"
    #expect(try run(["variants", "--prompt", prompt, "--count", "3", "--out-dir", "gen"]).status == 0)
    #expect(try run(["enqueue", "--prompt", prompt + " [mock:402]", "--out", "gen/fails.png", "--queue-dir", "gen/imagegen-queue"]).status == 0)
    #expect(try run(["drain", "--queue-dir", "gen/imagegen-queue"]).status == 1)
    let background = try run([
      "variants", "--prompt", prompt + " at dusk", "--count", "2", "--out-dir", "gen", "--prefix", "bg", "--background", "--request-id", "audit-1",
    ])
    #expect(background.status == 0)
    // `status` exits 3 while jobs are pending or running; each check starts a process, hence 0.2 s.
    var status: Int32 = 3
    try Poll.until("the background worker to finish bg-manifest.json", interval: 0.2) {
      status = try run(["status", "--manifest", "gen/bg-manifest.json"]).status
      return status != 3
    }
    #expect(status == 0)
    #expect(
      try run(["generate", "--prompt", prompt, "--out", "gen/single.png", "--save-response-json", "gen/single-response.json", "--output-format", "json"]).status
        == 0)
    #expect(try run(["generate", "--prompt", prompt + " [mock:401]", "--out", "gen/denied.png"]).status == 1)
    #expect(captured.contains("debug: POST"), "debug output was on")

    #expect(!captured.contains(Self.key), "the key was printed")
    #expect(!captured.contains("Bearer sk-"), "an Authorization header was printed")
    var files = 0
    for (path, bytes) in folder.snapshot() where !path.hasSuffix("/") {
      files += 1
      #expect(!String(decoding: bytes, as: UTF8.self).contains(Self.key), "the key is in \(path)")
    }
    #expect(files > 20, "the audit looked at the batch's files (\(files))")
    #expect(folder.exists("gen/imagegen-queue/handoff/audit-1.worker.log"))
  }
}
