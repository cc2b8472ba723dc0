import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

/// `REPRISE_HTTP` switches the HTTP layer of the `reprise` binary; both send the same request and
/// receive the same image.
@Suite struct HTTPTransportEndToEndTests {
  @Test func bothTransportsWriteTheSameImageAndDebugSaysWhichRan() throws {
    let folder = try TemporaryFolder("reprise-http")
    defer { folder.remove() }
    let mock = try MockServerProcess([], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    var digests: [String] = []
    for transport in HTTPBackend.allCases.filter(\.isAvailable) {
      let environment = mock.environment().merging(["REPRISE_HTTP": transport.rawValue, "OPENROUTER_DEBUG": "1"]) { $1 }
      let result = try ProcessRunner.reprise(
        ["generate", "--prompt", "A snow crab poster, flat vector", "--out", "\(transport).png", "--seed", "7", "--output-format", "json"], in: folder.path,
        environment: environment)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stderr.contains("debug: http transport \(transport.rawValue) ("), "\(result.stderr)")
      // The bytes as the provider sent them (the file written also embeds its own generation id).
      let record = try JSONParser().parse(result.stdout)
      digests.append(record["provider_sha256"]?.stringValue ?? "?")
    }
    #expect(!digests.isEmpty && Set(digests).count == 1)
    #expect(Set(mock.loggedRequests().compactMap { $0["body_sha256"] as? String }).count == 1, "the same request bytes on both")
  }
}
