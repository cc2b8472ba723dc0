import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

/// Environment variables with unusable values are refused by every command that sends requests.
@Suite struct EnvironmentEndToEndTests {
  static let prompt = "A snow crab poster, flat vector, centred"
  static let sending: [[String]] = [
    ["variants", "--prompt", prompt, "--count", "1", "--out-dir", "gen"],
    ["generate", "--prompt", prompt, "--out", "x.png"],
    ["enqueue", "--prompt", prompt, "--out", "x.png", "--queue-dir", "q"],
    ["drain", "--queue-dir", "q"],
    ["rerun", "gen/image-manifest.json"],
    ["models", "--refresh"],
  ]

  @Test(arguments: ["0", "-1", "abc", "1e3", "5000", "64MB", "nan"])
  func aMaxResponseThatIsNotAPositiveNumberIsAUsageError(value: String) throws {
    let folder = try TemporaryFolder("reprise-env")
    defer { folder.remove() }
    let mock = try MockServerProcess(logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = mock.environment().merging(["REPRISE_MAX_RESPONSE_MB": value, "REPRISE_CACHE_DIR": folder.url("cache")]) { $1 }
    let before = folder.snapshot()
    for arguments in Self.sending {
      let result = try ProcessRunner.reprise(arguments, in: folder.path, environment: env)
      #expect(result.status == 64, "\(arguments[0]): \(result.stderr)")
      #expect(
        result.stderr
          == "error: REPRISE_MAX_RESPONSE_MB '\(value)' is not accepted: use a positive number of MiB up to 4096, such as 160 (the default when unset)\n",
        "\(arguments[0])")
      #expect(result.stdout.isEmpty)
    }
    #expect(folder.snapshot() == before, "nothing written")
    #expect(mock.loggedRequests().isEmpty, "nothing sent")
    let preflight = try ProcessRunner.reprise(["preflight"], in: folder.path, environment: env)
    #expect(preflight.status == 1)
    #expect(preflight.stdout.contains("FAIL max_response_mb: REPRISE_MAX_RESPONSE_MB '\(value)' is not accepted"), "\(preflight.stdout)")
    #expect(preflight.stdout.contains("unset REPRISE_MAX_RESPONSE_MB"))
  }

  @Test func aFractionalMaxResponseIsAcceptedAndNamedInTheFailure() throws {
    let folder = try TemporaryFolder("reprise-env")
    defer { folder.remove() }
    let mock = try MockServerProcess(["--mode", "large", "--large-bytes", "1000000"], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = mock.environment().merging(["REPRISE_MAX_RESPONSE_MB": "0.5"]) { $1 }
    let result = try ProcessRunner.reprise(["generate", "--prompt", Self.prompt, "--out", "x.png"], in: folder.path, environment: env)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("larger than 0.5 MiB (REPRISE_MAX_RESPONSE_MB)"), "\(result.stderr)")
    #expect(!folder.exists("x.png"))
    let fits = try ProcessRunner.reprise(
      ["generate", "--prompt", Self.prompt, "--out", "y.png"], in: folder.path, environment: env.merging(["REPRISE_MAX_RESPONSE_MB": " 2 "]) { $1 })
    #expect(fits.status == 0, "\(fits.stderr)")
  }
}
