import Foundation
import RepriseTestSupport
import Testing
@testable import RepriseKit

/// Manifests in `Fixtures/golden-manifests/`: `g-*` written by reprise 1de0d54, before request
/// formats existed (request format 1), `f2-*` by the first release of request format 2. They must
/// rerun `--dry-run` clean for ever: every rebuilt body hashes to the job's recorded
/// `request_sha256`. Never regenerate them; add new ones beside them.
@Suite struct GoldenManifestReplayTests {
  static let folder = ProcessRunner.packageRoot + "/Tests/RepriseKitTests/Fixtures/golden-manifests"

  static func copy() throws -> TemporaryFolder {
    let temp = try TemporaryFolder("reprise-golden")
    for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
      try FileManager.default.copyItem(atPath: folder + "/" + file, toPath: temp.url(file))
    }
    return temp
  }

  @Test func everyGoldenManifestRerunsDryRunClean() async throws {
    let temp = try Self.copy()
    defer { temp.remove() }
    let files = try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.hasSuffix("-manifest.json") }.sorted()
    #expect(files.filter { $0.hasPrefix("g-") }.count >= 8 && files.filter { $0.hasPrefix("f2-") }.count >= 6)
    for file in files {
      let result = await runCLI(["rerun", file, "--dry-run", "--json"], in: temp.path)
      #expect(result.code == 0, "\(file): \(result.err)")
      let report = try JSONParser().parse(Array(result.out.utf8))
      let jobs = report["jobs"]?.arrayValue ?? []
      #expect(!jobs.isEmpty)
      for job in jobs {
        #expect(job["status"] == .string("ok"), "\(file) job \(job["index"] ?? .null)")
        #expect(job["recorded_request_sha256"] == job["rebuilt_request_sha256"])
      }
      let manifest = try ManifestDocument.decode(try temp.read(file), name: file)
      #expect(manifest.manifest.spec.request.format == (file.hasPrefix("g-") ? 1 : 2), "\(file)")
    }
  }

  @Test func aGoldenManifestIsContinuedWithItsOwnFormat() async throws {
    let temp = try Self.copy()
    defer { temp.remove() }
    let before = try temp.readText("g-chat-batches-manifest.json")
    let result = await runCLI(
      ["variants", "--prompt", "A watercolor fox", "--count", "2", "--start-index", "7", "--out-dir", ".", "--prefix", "g-chat-batches", "--model",
       "google/gemini-2.5-flash-image", "--seed", "7", "--plan-only", "--request-id", "d"],
      in: temp.path)
    #expect(result.code == 0, "\(result.err)")
    let after = try temp.readText("g-chat-batches-manifest.json")
    #expect(after != before)
    let document = try ManifestDocument.decode(Array(after.utf8), name: "continued")
    #expect(document.manifest.spec.request.format == 1)
    #expect(document.manifest.jobs.count == 8)
    let rerun = await runCLI(["rerun", "g-chat-batches-manifest.json", "--dry-run"], in: temp.path)
    #expect(rerun.code == 0, "\(rerun.err)")
  }
}
