import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseKit

/// `manifests/examples/` holds manifests generated from `samples/examples.json` (run from the
/// package root with `--out-dir manifests/examples`). Any byte difference fails: manifests are
/// the reproducibility contract. To regenerate on purpose:
/// `REPRISE_RECORD_GOLDEN=1 swift test --filter ExampleManifestTests`, then review `git diff`.
@Suite struct ExampleManifestTests {
  static let root = ProcessRunner.packageRoot

  static func examples() throws -> [[String]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: root + "/samples/examples.json"))
    let list = try JSONParser().parse(Array(data)).arrayValue ?? []
    return list.map { ($0["arguments"]?.arrayValue ?? []).compactMap(\.stringValue) }
  }

  @Test func everyExampleRegeneratesByteForByte() async throws {
    let examples = try ExampleManifestTests.examples()
    #expect(examples.count >= 3)
    let record = ProcessInfo.processInfo.environment["REPRISE_RECORD_GOLDEN"] == "1"
    for arguments in examples {
      let result = await runCLI(["variants"] + arguments + ["--out-dir", "manifests/examples", "--dry-run"], in: ExampleManifestTests.root)
      #expect(result.code == 0, "\(arguments): \(result.err)")
      let prefix = arguments[arguments.firstIndex(of: "--prefix")! + 1]
      let path = ExampleManifestTests.root + "/manifests/examples/\(prefix)-manifest.json"
      if record {
        try FileManager.default.createDirectory(atPath: ExampleManifestTests.root + "/manifests/examples", withIntermediateDirectories: true)
        try result.out.write(toFile: path, atomically: true, encoding: .utf8)
        continue
      }
      let golden = try String(contentsOfFile: path, encoding: .utf8)
      #expect(result.out == golden, "\(prefix) no longer regenerates byte for byte")
      #expect(try ManifestDocument.decode(Array(golden.utf8), name: prefix).idMatches)
    }
  }

  @Test func examplesPassRerunDryRun() async throws {
    for file in try FileManager.default.contentsOfDirectory(atPath: ExampleManifestTests.root + "/manifests/examples").sorted()
    where file.hasSuffix("-manifest.json") {
      let result = await runCLI(["rerun", "manifests/examples/" + file, "--dry-run"], in: ExampleManifestTests.root)
      #expect(result.code == 0, "\(file): \(result.err)")
    }
  }
}
