import Foundation
import Testing
import RepriseTestSupport

@Suite struct VariantsEndToEndTests {
  @Test func planOnlyThenRerunDryRunThroughTheBinary() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let plan = try ProcessRunner.reprise(
      [
        "variants", "--prompt", "A snow crab logo, flat vector, centred, wordmark \"Snow Crab\"", "--count", "4", "--out-dir", "gen", "--prefix", "crab",
        "--plan-only", "--json",
      ], in: folder.path)
    #expect(plan.status == 0, "\(plan.stderr)")
    #expect(plan.stdout.contains("\"manifest\": \"gen/crab-manifest.json\""))
    #expect(folder.exists("gen/crab-manifest.json"))
    #expect(!folder.exists("gen/crab-0001.png"))  // plan-only writes the manifest and nothing else
    let rerun = try ProcessRunner.reprise(["rerun", "gen/crab-manifest.json", "--dry-run"], in: folder.path)
    #expect(rerun.status == 0)
    #expect(rerun.stdout.hasSuffix("4 of 4 requests match\n"))
  }

  @Test func clarifyHintsGoToStderr() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let result = try ProcessRunner.reprise(
      ["variants", "--prompt", "a crab", "--count", "1", "--out-dir", "gen", "--clarify-hints", "--plan-only"], in: folder.path)
    #expect(result.status == 0)
    #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("hint: ") })
    #expect(result.stderr.split(separator: "\n").count == 3)
    #expect(!result.stdout.contains("hint"))
  }

  @Test func editIntentIsAllowedWithTheOverride() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let result = try ProcessRunner.reprise(
      ["variants", "--prompt", "A variation of a crab logo", "--count", "1", "--out-dir", "gen", "--allow-no-baseline-on-edit-intent", "--dry-run"],
      in: folder.path)
    #expect(result.status == 0)
    #expect(result.stdout.contains("\"edit_intent\": [\n      \"variation\",\n      \"variation of\"\n    ]"))
  }
}
