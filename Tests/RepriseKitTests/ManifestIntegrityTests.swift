import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// Manifests whose `manifest_id` was correctly recomputed after an edit that breaks a rule the id
/// cannot vouch for: every reader refuses them (exit 2, one line) and writes nothing.
@Suite struct ManifestIntegrityTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let reason: String
    let edit: @Sendable (inout [JSONValue]) -> Void
    var testDescription: String { name }
  }

  static func set(_ jobs: inout [JSONValue], _ n: Int, _ key: String, _ value: JSONValue) {
    guard case .object(var job) = jobs[n] else { return }
    job[key] = value
    jobs[n] = .object(job)
  }

  static let cases: [Case] = [
    Case(name: "a job duplicated", reason: "index 1 appears twice in jobs (one job per index)") { $0.append($0[0]) },
    Case(name: "a job id used twice", reason: "job_id 'image-0001-") { jobs in
      jobs.append(jobs[0])
      set(&jobs, 3, "index", .int(4))
    },
    Case(name: "two jobs, one out", reason: "jobs[index=1] and jobs[index=2] both write out 'image-0001.png' (each job has its own output)") {
      set(&$0, 1, "out", .string("image-0001.png"))
    },
    Case(name: "out of another index", reason: "jobs[index=3].out 'image-0007.png' does not follow the naming rule image-<index 3 zero-padded>.png") {
      set(&$0, 2, "out", .string("image-0007.png"))
    },
    Case(name: "out of another prefix", reason: "jobs[index=3].out 'other-0003.png' does not follow the naming rule image-<index 3 zero-padded>.png") {
      set(&$0, 2, "out", .string("other-0003.png"))
    },
    Case(name: "out of another extension", reason: "jobs[index=3].out 'image-0003.jpg' does not follow the naming rule image-<index 3 zero-padded>.png") {
      set(&$0, 2, "out", .string("image-0003.jpg"))
    },
    Case(name: "job id of another index", reason: "jobs[index=2].job_id 'image-0005-") { jobs in
      guard case .string(let id)? = jobs[1]["job_id"] else { return }
      set(&jobs, 1, "job_id", .string(id.replacingOccurrences(of: "-0002-", with: "-0005-")))
    },
  ]

  static let readers: [[String]] = [
    ["verify", "gen/image-manifest.json"],
    ["rerun", "gen/image-manifest.json", "--dry-run"],
    ["rerun", "gen/image-manifest.json"],
    ["status", "--manifest", "gen/image-manifest.json"],
    ["diff", "good/image-manifest.json", "gen/image-manifest.json"],
    ["gallery", "gen/image-manifest.json"],
    ["gallery", "--compare", "good/image-manifest.json", "gen/image-manifest.json"],
    ["variants", "--prompt", "A crab poster, flat vector, centred", "--count", "3", "--out-dir", "gen", "--plan-only", "--start-index", "4"],
  ]

  @Test(arguments: cases)
  func everyReaderRefusesIt(_ c: Case) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    for dir in ["gen", "good"] {
      let plan = await runCLI(["variants", "--prompt", "A crab poster, flat vector, centred", "--count", "3", "--out-dir", dir, "--plan-only"], in: folder.path)
      try #require(plan.code == 0, "\(plan.err)")
    }
    guard case .object(var members) = try JSONParser().parse(try folder.read("gen/image-manifest.json")), case .array(var jobs)? = members["jobs"] else {
      Issue.record("manifest shape")
      return
    }
    c.edit(&jobs)
    members["jobs"] = .array(jobs)
    members["manifest_id"] = nil
    members["manifest_id"] = .string(Manifest.id(ofBody: .object(members)))
    try folder.write("gen/image-manifest.json", text: JSONWriter.pretty(.object(members)))
    let before = folder.snapshot()
    for reader in ManifestIntegrityTests.readers {
      let result = await runCLI(reader, in: folder.path, environment: ["OPENROUTER_API_KEY": "sk-test", "OPENROUTER_BASE_URL": "http://127.0.0.1:9/api/v1"])
      #expect(result.code == 2, "\(reader): \(result.err)")
      #expect(result.err.hasPrefix("error: manifest 'gen/image-manifest.json' is inconsistent: \(c.reason)"), "\(reader): \(result.err)")
      #expect(result.err.filter { $0 == "\n" }.count == 1, "\(reader): \(result.err)")
      #expect(folder.snapshot() == before, "\(reader) wrote something")
    }
  }

  @Test func exampleAndLegacyManifestsKeepTheRules() throws {
    for folder in [ProcessRunner.packageRoot + "/manifests/examples", LegacyManifests.folder] {
      for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix("-manifest.json") {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file)))
        let document = try ManifestDocument.decode(bytes, name: file)
        #expect(ManifestIntegrity.firstProblem(in: document.manifest) == nil)
      }
    }
  }

  @Test(arguments: [
    ("0001", 1, true), ("01", 1, true), ("1", 1, true), ("100", 100, true), ("0000", 0, true), ("0010", 1, false), ("", 0, false), ("1a", 1, false),
    ("١", 1, false), ("10", 1, false),
  ])
  func paddingRule(digits: String, index: Int, accepted: Bool) {
    #expect(ManifestIntegrity.isPadded(Substring(digits), index: index) == accepted)
  }
}
