import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// Manifests written by the version before request ids moved from the spec to the batches (and
/// before `path_as_given` left the hashed content): copies of the examples it generated.
enum LegacyManifests {
  static let folder = ProcessRunner.packageRoot + "/Tests/RepriseKitTests/Fixtures/legacy-manifests"
  static let names = ["banner-flux", "crab-iteration", "crab-logo"]
  /// The arguments that wrote `crab-iteration` (from `samples/examples.json` of that version).
  static let crabIteration = [
    "variants", "--prompt", "Refine this snow crab logo for a 16:9 banner, keep the wordmark \"Snow Crab\" legible", "--count", "3",
    "--prefix", "crab-iteration", "--baseline-image", "samples/crab-baseline.png", "--confirm-external-upload",
    "--baseline-source-kind", "current_attachment", "--must-keep", "wordmark placement", "--must-keep", "claw silhouette",
    "--aspect-ratio", "16:9", "--image-size", "medium", "--request-id", "discord-1234", "--allow-no-baseline-on-edit-intent",
    "--out-dir", "manifests/examples", "--plan-only",
  ]

  /// Lays the fixtures out as they were written: `manifests/examples/` beside `samples/`.
  static func install(in folder: TemporaryFolder) throws {
    for name in names {
      let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: LegacyManifests.folder + "/\(name)-manifest.json")))
      try folder.write("manifests/examples/\(name)-manifest.json", bytes: bytes)
    }
    let baseline = Array(try Data(contentsOf: URL(fileURLWithPath: ProcessRunner.packageRoot + "/samples/crab-baseline.png")))
    try folder.write("samples/crab-baseline.png", bytes: baseline)
  }

  /// Replaces `arguments`' value of `flag`.
  static func with(_ arguments: [String], _ flag: String, _ value: String) -> [String] {
    var copy = arguments
    if let i = copy.firstIndex(of: flag) { copy[i + 1] = value } else { copy += [flag, value] }
    return copy
  }
}

@Suite struct RequestIDTests {
  let prompt = "A minimalist snow crab logo, flat vector, centred"

  func plan(_ extra: [String], in folder: TemporaryFolder) async throws -> (code: Int32, err: String, text: String) {
    let result = await runCLI(["variants", "--prompt", prompt, "--count", "3", "--out-dir", "gen", "--plan-only"] + extra, in: folder.path)
    let text = folder.exists("gen/image-manifest.json") ? try folder.readText("gen/image-manifest.json") : ""
    return (result.code, result.err, text)
  }

  @Test func theRequestIDChangesNoJobOnlyTheBatchRecord() async throws {
    var manifests: [Manifest] = []
    for id in ["r1", "r2", nil] as [String?] {
      let folder = try TemporaryFolder()
      defer { folder.remove() }
      let result = try await plan(id.map { ["--request-id", $0] } ?? [], in: folder)
      #expect(result.code == 0, "\(result.err)")
      #expect(!result.text.contains("\"spec\": {\n    \"request_id\""))
      manifests.append(try ManifestDocument.decode(Array(result.text.utf8), name: "m").manifest)
    }
    #expect(manifests[0].jobs == manifests[1].jobs && manifests[1].jobs == manifests[2].jobs)
    #expect(manifests[0].spec == manifests[1].spec && manifests[1].spec == manifests[2].spec)
    #expect(manifests.map { $0.batches.map(\.requestID) } == [["r1"], ["r2"], [nil]])
    #expect(manifests[2].batches[0].json["request_id"] == .null)
    #expect(manifests[0].spec.json["request_id"] == nil)
  }

  @Test func continuingUnderAnotherIDAddsABatch() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect(try await plan(["--request-id", "r1"], in: folder).code == 0)
    let first = try await plan(["--request-id", "r1"], in: folder).text
    // The same batch under the same id: nothing changes.
    #expect(try await plan(["--request-id", "r1"], in: folder).text == first)
    let next = try await plan(["--request-id", "r2", "--start-index", "4"], in: folder)
    #expect(next.code == 0, "\(next.err)")
    let again = try await plan(["--request-id", "r3"], in: folder)
    #expect(again.code == 0, "\(again.err)")
    let manifest = try ManifestDocument.decode(Array(again.text.utf8), name: "m").manifest
    #expect(manifest.batches.map(\.requestID) == ["r1", "r2", "r3"])
    #expect(manifest.jobs.map(\.index) == [1, 2, 3, 4, 5, 6])
    let original = try ManifestDocument.decode(Array(first.utf8), name: "m").manifest
    #expect(Array(manifest.jobs.prefix(3)) == original.jobs)
    #expect(manifest.requestID(forIndex: 2) == "r1" && manifest.requestID(forIndex: 5) == "r2")
  }

  @Test(arguments: LegacyManifests.names)
  func legacyManifestsLoadVerifyAndReplay(name: String) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try LegacyManifests.install(in: folder)
    let path = "manifests/examples/\(name)-manifest.json"
    let text = try folder.readText(path)
    let document = try ManifestDocument.decode(Array(text.utf8), name: path)
    #expect(document.idMatches)
    // Decoding and writing back gives the same bytes: nothing is lost or added.
    #expect(document.manifest.fileText == text)
    #expect(document.manifest.spec.legacyRequestID != nil)
    let verify = await runCLI(["verify", path], in: folder.path)
    #expect(verify.code == 0, "\(verify.err)")
    #expect(verify.out.hasPrefix("manifest_id ok"))
    let rerun = await runCLI(["rerun", path, "--dry-run"], in: folder.path)
    #expect(rerun.code == 0, "\(rerun.err)")
    #expect(rerun.out.contains("requests match"))
  }

  @Test func aLegacyManifestIsContinuedWithItsStoredSpecAndSeeds() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try LegacyManifests.install(in: folder)
    let path = "manifests/examples/crab-iteration-manifest.json"
    let stored = try folder.readText(path)
    // The command that wrote it, again: nothing changes.
    let repeated = await runCLI(LegacyManifests.crabIteration, in: folder.path)
    #expect(repeated.code == 0, "\(repeated.err)")
    #expect(try folder.readText(path) == stored)
    // Continued under another request id.
    let continued = await runCLI(
      LegacyManifests.with(LegacyManifests.with(LegacyManifests.crabIteration, "--request-id", "discord-99"), "--start-index", "4"), in: folder.path)
    #expect(continued.code == 0, "\(continued.err)")
    let old = try ManifestDocument.decode(Array(stored.utf8), name: path).manifest
    let document = try ManifestDocument.decode(try folder.read(path), name: path)
    #expect(document.idMatches)
    let manifest = document.manifest
    #expect(manifest.spec == old.spec)
    #expect(manifest.spec.legacyRequestID == .some("discord-1234"))
    #expect(manifest.jobs.prefix(3) == old.jobs[...])
    #expect(manifest.jobs.map(\.index) == [1, 2, 3, 4, 5, 6])
    #expect(manifest.jobs.allSatisfy { $0.seed == old.spec.seedRule.seed(forIndex: $0.index) })
    #expect(manifest.batches.map { manifest.requestID(of: $0) } == ["discord-1234", "discord-99"])
    #expect(manifest.batches[0].json["request_id"] == nil && manifest.batches[1].json["request_id"] == .string("discord-99"))
    let rerun = await runCLI(["rerun", path, "--dry-run"], in: folder.path)
    #expect(rerun.code == 0, "\(rerun.err)")
    #expect(rerun.out.contains("6 of 6 requests match"))
  }
}

@Suite struct BaselineSpellingTests {
  @Test func threeSpellingsOfOneBaselineGiveByteIdenticalManifests() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("base.png", bytes: pngHeader(width: 64, height: 64))
    var texts: [String] = []
    for (n, spelling) in ["./base.png", "base.png", folder.url("base.png")].enumerated() {
      let result = await runCLI(
        [
          "variants", "--prompt", "A crab poster, flat vector", "--count", "2", "--out-dir", "gen\(n)", "--plan-only", "--baseline-image", spelling,
          "--confirm-external-upload",
        ], in: folder.path)
      #expect(result.code == 0, "\(spelling): \(result.err)")
      texts.append(try folder.readText("gen\(n)/image-manifest.json"))
    }
    #expect(texts[0] == texts[1] && texts[1] == texts[2])
    #expect(!texts[0].contains("path_as_given") && !texts[0].contains(folder.path))
    #expect(texts[0].contains("\"path\": \"../base.png\""))
  }

  @Test func anotherSpellingContinuesTheSameManifest() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("base.png", bytes: pngHeader(width: 64, height: 64))
    let base = ["variants", "--prompt", "A crab poster, flat vector", "--count", "2", "--out-dir", "gen", "--plan-only", "--confirm-external-upload"]
    #expect(await runCLI(base + ["--baseline-image", "base.png"], in: folder.path).code == 0)
    let first = try folder.readText("gen/image-manifest.json")
    let same = await runCLI(base + ["--baseline-image", folder.url("base.png")], in: folder.path)
    #expect(same.code == 0, "\(same.err)")
    #expect(try folder.readText("gen/image-manifest.json") == first)
    let next = await runCLI(base + ["--baseline-image", "./base.png", "--start-index", "3"], in: folder.path)
    #expect(next.code == 0, "\(next.err)")
    #expect(try ManifestDocument.decode(try folder.read("gen/image-manifest.json"), name: "m").manifest.jobs.count == 4)
  }

  @Test func aLegacyManifestIsContinuedUnderAnotherSpellingAndKeepsItsPathAsGiven() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try LegacyManifests.install(in: folder)
    let path = "manifests/examples/crab-iteration-manifest.json"
    let arguments = LegacyManifests.with(
      LegacyManifests.with(LegacyManifests.crabIteration, "--baseline-image", folder.url("samples/crab-baseline.png")), "--start-index", "4")
    let result = await runCLI(arguments, in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    let text = try folder.readText(path)
    #expect(text.contains("\"path_as_given\": \"samples/crab-baseline.png\""))
    #expect(!text.contains(folder.path))
    let manifest = try ManifestDocument.decode(Array(text.utf8), name: path).manifest
    #expect(manifest.spec.baseline?.location == .file(path: "../../samples/crab-baseline.png", legacyPathAsGiven: "samples/crab-baseline.png"))
    #expect(manifest.jobs.count == 6)
  }
}
