import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI

/// Help texts are part of the interface agents read; they are pinned here. To change them on
/// purpose: `REPRISE_RECORD_GOLDEN=1 swift test --filter GoldenHelpTests`, then review the diff.
@Suite struct GoldenHelpTests {
  static let folder = ProcessRunner.packageRoot + "/Tests/RepriseKitTests/Golden"
  static let record = ProcessInfo.processInfo.environment["REPRISE_RECORD_GOLDEN"] == "1"

  static var cases: [(String, [String])] {
    [("help-main", ["--help"])] + RepriseCommandLine.commands.map { ("help-\($0.name)", ["help", $0.name]) }
  }

  @Test(arguments: cases)
  func helpMatchesGolden(name: String, arguments: [String]) async throws {
    let result = await runCLI(arguments, in: "/")
    #expect(result.code == 0)
    let path = GoldenHelpTests.folder + "/\(name).txt"
    if GoldenHelpTests.record || !FileManager.default.fileExists(atPath: path) {
      try result.out.write(toFile: path, atomically: true, encoding: .utf8)
      Issue.record("recorded \(path); run again")
      return
    }
    let golden = try String(contentsOfFile: path, encoding: .utf8)
    #expect(result.out == golden, "help for \(arguments) changed; re-record with REPRISE_RECORD_GOLDEN=1 if intended")
  }
}
