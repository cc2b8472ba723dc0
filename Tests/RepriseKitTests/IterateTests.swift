import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// `reprise iterate`: the next batch from a recorded output, inheriting the parent's spec, with
/// its parent recorded and verified; the default folders; and lineage through `spec.parent`.
@Suite struct IterateTests {
  static let parentArguments = [
    "variants", "--prompt", "A snow crab logo, flat vector", "--count", "3", "--out-dir", "gen", "--prefix", "crab", "--seed", "7",
    "--must-keep", "wordmark \"Snow Crab\"", "--aspect-ratio", "16:9", "--image-size", "medium", "--variation-strength", "high",
    "--palette", "#0a2540,#F55", "--plan-only",
  ]

  /// The parent batch (planned) with jobs 1 and 2 succeeded.
  static func parent(_ folder: TemporaryFolder) async throws -> Manifest {
    let result = await runCLI(parentArguments, in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    let manifest = try ManifestDocument.decode(folder.read("gen/crab-manifest.json"), name: "m").manifest
    try GalleryTests.succeed(folder, manifest.jobs[0], image: GalleryTests.png(51), cost: 0.04)
    try GalleryTests.succeed(folder, manifest.jobs[1], image: GalleryTests.png(52), cost: 0.04)
    return manifest
  }

  static func spec(_ folder: TemporaryFolder, _ path: String) throws -> JSONValue {
    try #require(try JSONParser().parse(folder.read(path))["spec"])
  }

  @Test func inheritsTheParentSpecAndOverridesWhatFlagsSay() async throws {
    let folder = try TemporaryFolder("reprise-iterate")
    defer { folder.remove() }
    let parent = try await Self.parent(folder)
    let plain = await runCLI(["iterate", "--from", "gen/crab-manifest.json", "2", "--confirm-external-upload", "--plan-only"], in: folder.path)
    #expect(plain.code == 0, "\(plain.err)")
    #expect(plain.err == "iterate: from gen/crab-manifest.json #2 (gen/crab-0002.png) into gen/crab-v2/crab-v2-manifest.json\n")
    let child = try Self.spec(folder, "gen/crab-v2/crab-v2-manifest.json")
    #expect(child["prompt"]?.stringValue == "A snow crab logo, flat vector")
    #expect(child["model"]?.stringValue == VariantOptions.defaultModel)
    #expect(child["aspect_ratio"]?.stringValue == "16:9" && child["image_size"]?.stringValue == "medium" && child["ext"]?.stringValue == "png")
    #expect(child["must_keep"]?.arrayValue?.compactMap(\.stringValue) == ["wordmark \"Snow Crab\""])
    #expect(child["palette"]?.arrayValue?.compactMap(\.stringValue) == ["#0A2540", "#FF5555"])
    // The parent chose high: inherited. Its locks were the no-baseline default: the rails decide.
    #expect(child["variation_strength"]?.stringValue == "high")
    #expect(child["lock_palette"]?.boolValue == true && child["lock_composition"]?.boolValue == true)
    #expect(child["rails_applied"]?.arrayValue?.compactMap(\.stringValue) == ["lock_palette=true", "lock_composition=true"])
    #expect(child["baseline"]?["path"]?.stringValue == "../crab-0002.png")
    let sha = SHA256.hash(GalleryTests.png(52)).hexString
    #expect(child["baseline"]?["sha256"]?.stringValue == sha)
    #expect(child["parent"] == .object([
      "manifest_id": .string(parent.manifestID), "job_id": .string(parent.jobs[1].jobID), "index": .int(2), "sha256": .string(sha),
    ]))
    let childManifest = try ManifestDocument.decode(folder.read("gen/crab-v2/crab-v2-manifest.json"), name: "c")
    #expect(childManifest.idMatches)
    #expect(childManifest.manifest.jobs.count == 3, "count defaults to the parent's job count")
    let line = "- Brand palette: use only these colours (hex, in order of importance): #0A2540, #FF5555; no other hues."
    #expect(childManifest.manifest.jobs[0].prompt.contains(line))

    // Every inherited member can be overridden.
    let changed = await runCLI(
      [
        "iterate", "--from", "gen/crab-manifest.json", "1", "--confirm-external-upload", "--plan-only", "--prompt-append", "thicker outlines",
        "--count", "2", "--model", "black-forest-labs/flux.2-pro", "--aspect-ratio", "1:1", "--must-keep", "claws", "--palette", "none",
        "--variation-strength", "low", "--no-lock-palette", "--ext", "webp",
      ], in: folder.path)
    #expect(changed.code == 0, "\(changed.err)")
    let over = try Self.spec(folder, "gen/crab-v3/crab-v3-manifest.json")
    #expect(over["prompt"]?.stringValue == "A snow crab logo, flat vector\nthicker outlines")
    #expect(over["model"]?.stringValue == "black-forest-labs/flux.2-pro" && over["aspect_ratio"]?.stringValue == "1:1")
    #expect(over["must_keep"]?.arrayValue?.compactMap(\.stringValue) == ["claws"])
    #expect(over["palette"] == nil, "--palette none drops the palette")
    #expect(over["variation_strength"]?.stringValue == "low" && over["lock_palette"]?.boolValue == false && over["ext"]?.stringValue == "webp")
    #expect(over["parent"]?["index"]?.intValue == 1)
    #expect(try ManifestDocument.decode(folder.read("gen/crab-v3/crab-v3-manifest.json"), name: "c").manifest.jobs.count == 2)

    // A parent with a baseline: its explicit --no-lock-palette is inherited, its applied rails are not.
    let v2 = try ManifestDocument.decode(folder.read("gen/crab-v2/crab-v2-manifest.json"), name: "c").manifest
    #expect(await runCLI(["iterate", "--from", "gen/crab-manifest.json", "1", "--confirm-external-upload", "--plan-only", "--no-lock-palette",
      "--out-dir", "gen/x", "--prefix", "x"], in: folder.path).code == 0)
    let x = try ManifestDocument.decode(folder.read("gen/x/x-manifest.json"), name: "x").manifest
    try GalleryTests.succeed(folder, x.jobs[0], image: GalleryTests.png(61), cost: 0.04, outDir: "gen/x")
    let grand = await runCLI(["iterate", "--from", "gen/x/x-manifest.json", "1", "--confirm-external-upload", "--plan-only"], in: folder.path)
    #expect(grand.code == 0, "\(grand.err)")
    let g = try Self.spec(folder, "gen/x/x-v2/x-v2-manifest.json")
    #expect(g["lock_palette"]?.boolValue == false && g["lock_composition"]?.boolValue == true)
    #expect(g["rails_applied"]?.arrayValue?.compactMap(\.stringValue) == ["lock_composition=true"])
    #expect(v2.spec.parent?.jobID == parent.jobs[1].jobID)

    // Replays like any manifest.
    let check = await runCLI(["rerun", "gen/crab-v2/crab-v2-manifest.json", "--dry-run"], in: folder.path)
    #expect(check.code == 0, "\(check.err)")
  }

  @Test func aChangedParentImageIsRefusedAndNothingIsWritten() async throws {
    let folder = try TemporaryFolder("reprise-iterate-changed")
    defer { folder.remove() }
    _ = try await Self.parent(folder)
    _ = try folder.write("gen/crab-0002.png", bytes: GalleryTests.png(99))
    let before = folder.snapshot()
    let changed = await runCLI(["iterate", "--from", "gen/crab-manifest.json", "2", "--confirm-external-upload"], in: folder.path)
    #expect(changed.code == 2)
    let recorded = SHA256.hash(GalleryTests.png(52)).hexString.prefix(12)
    let now = SHA256.hash(GalleryTests.png(99)).hexString.prefix(12)
    #expect(changed.err == "error: output 'gen/crab-0002.png' changed since \(try Self.jobID(folder, 2)) wrote it (sha256 \(now) vs recorded \(recorded)): "
      + "iterate from an unchanged output\n")
    let unrun = await runCLI(["iterate", "--from", "gen/crab-manifest.json", "3", "--confirm-external-upload"], in: folder.path)
    #expect(unrun.code == 2)
    #expect(unrun.err.hasPrefix("error: job \(try Self.jobID(folder, 3)) of 'gen/crab-manifest.json' has no succeeded result in 'gen/imagegen-queue'"))
    let missing = await runCLI(["iterate", "--from", "gen/crab-manifest.json", "9", "--confirm-external-upload"], in: folder.path)
    #expect(missing.code == 2 && missing.err == "error: manifest 'gen/crab-manifest.json' has no job at index 9 (it has 1-3)\n")
    let unconfirmed = await runCLI(["iterate", "--from", "gen/crab-manifest.json", "1"], in: folder.path)
    #expect(unconfirmed.code == 2)
    #expect(unconfirmed.err.hasPrefix("error: 'gen/crab-0001.png' becomes the baseline and would be uploaded to OpenRouter"))
    let noRecord = await runCLI(["iterate", "gen/crab-0001.png", "--confirm-external-upload"], in: folder.path)
    #expect(noRecord.code == 2 && noRecord.err.hasPrefix("error: image 'gen/crab-0001.png' carries no reprise record"))
    for usage in [
      ["iterate"], ["iterate", "--from", "gen/crab-manifest.json"], ["iterate", "a.png", "b.png"],
      ["iterate", "--from", "gen/crab-manifest.json", "1", "--prompt", "x", "--prompt-append", "y"],
      ["iterate", "--from", "gen/crab-manifest.json", "1", "--palette", "red"],
      ["iterate", "--from", "gen/crab-manifest.json", "1", "--baseline-image", "x.png"],
    ] {
      #expect(await runCLI(usage, in: folder.path).code == 64, "\(usage)")
    }
    #expect(folder.snapshot() == before, "nothing written")
  }

  static func jobID(_ folder: TemporaryFolder, _ index: Int) throws -> String {
    try ManifestDocument.decode(folder.read("gen/crab-manifest.json"), name: "m").manifest.jobs.first { $0.index == index }!.jobID
  }

  @Test func defaultFoldersCountUpAndNeverOverwrite() async throws {
    let folder = try TemporaryFolder("reprise-iterate-folders")
    defer { folder.remove() }
    _ = try await Self.parent(folder)
    _ = try folder.write("gen/crab-v2/notes.txt", text: "mine\n")
    let iterate = { (extra: [String]) async -> (code: Int32, out: String, err: String) in
      await runCLI(["iterate", "--from", "gen/crab-manifest.json", "1", "--confirm-external-upload", "--plan-only"] + extra, in: folder.path)
    }
    #expect(await iterate([]).err.hasSuffix("into gen/crab-v3/crab-v3-manifest.json\n"), "an existing folder is never used")
    #expect(await iterate([]).err.hasSuffix("into gen/crab-v4/crab-v4-manifest.json\n"))
    #expect(try folder.readText("gen/crab-v2/notes.txt") == "mine\n")
    #expect(!folder.exists("gen/crab-v2/crab-v2-manifest.json"))
    #expect(await iterate(["--dry-run"]).err.hasSuffix("into gen/crab-v5/crab-v5-manifest.json\n"))
    #expect(!folder.exists("gen/crab-v5"), "--dry-run writes nothing")
    // Given folders and prefixes are used as given.
    #expect(await iterate(["--out-dir", "elsewhere"]).err.hasSuffix("into elsewhere/crab-v2-manifest.json\n"))
    #expect(await iterate(["--prefix", "banner"]).err.hasSuffix("into gen/banner/banner-manifest.json\n"))
    // From a -v<N> parent, the next number; in that parent's folder.
    let v3 = try ManifestDocument.decode(folder.read("gen/crab-v3/crab-v3-manifest.json"), name: "m").manifest
    try GalleryTests.succeed(folder, v3.jobs[0], image: GalleryTests.png(71), cost: 0.01, outDir: "gen/crab-v3")
    let next = await runCLI(["iterate", "--from", "gen/crab-v3/crab-v3-manifest.json", "1", "--confirm-external-upload", "--plan-only"], in: folder.path)
    #expect(next.err.hasSuffix("into gen/crab-v3/crab-v4/crab-v4-manifest.json\n"), "\(next.err)")
    // The same spec into a given folder again continues it; a different one is refused there.
    #expect(await iterate(["--out-dir", "elsewhere"]).code == 0)
    let other = await iterate(["--out-dir", "elsewhere", "--prompt-append", "more"])
    #expect(other.code == 2 && other.err.contains("already exists with a different spec"))
  }

  @Test func folderRuleNamesVersions() {
    #expect(IterationFolder.stemAndVersion("crab") == ("crab", 1))
    #expect(IterationFolder.stemAndVersion("crab-v2") == ("crab", 2))
    #expect(IterationFolder.stemAndVersion("crab-v02") == ("crab-v02", 1))
    #expect(IterationFolder.stemAndVersion("-v3") == ("-v3", 1))
    #expect(IterationFolder.stemAndVersion("logo-v-2") == ("logo-v-2", 1))
    #expect(IterationFolder.name(stem: String(repeating: "a", count: 64), version: 12).count == 64)
  }

  /// crab -> crab-v2 (from #1) -> crab-v2/crab-v3 (from v2 #1), crab -> crab-v3 (from #2); a decoy
  /// manifest sorting first holds an output with crab #1's bytes: the recorded parent wins.
  @Test func lineageOfThreeGenerationsFollowsTheRecordedParent() async throws {
    let folder = try TemporaryFolder("reprise-iterate-lineage")
    defer { folder.remove() }
    let decoy = try await GalleryTests.plan(folder, prefix: "aaa", count: 1)
    try GalleryTests.succeed(folder, decoy.jobs[0], image: GalleryTests.png(51), cost: 0.01)
    _ = try await Self.parent(folder)
    let iterate = { (manifest: String, index: String) async throws -> Manifest in
      let result = await runCLI(["iterate", "--from", manifest, index, "--confirm-external-upload", "--plan-only", "--count", "1"], in: folder.path)
      #expect(result.code == 0, "\(result.err)")
      let path = String(result.err.split(separator: " ").last!.dropLast())
      return try ManifestDocument.decode(folder.read(path), name: path).manifest
    }
    let v2 = try await iterate("gen/crab-manifest.json", "1")
    try GalleryTests.succeed(folder, v2.jobs[0], image: GalleryTests.png(81), cost: 0.02, outDir: "gen/crab-v2")
    _ = try await iterate("gen/crab-manifest.json", "2")
    _ = try await iterate("gen/crab-v2/crab-v2-manifest.json", "1")
    let result = await runCLI(["lineage", "gen"], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    #expect(result.out == """
      aaa-manifest.json  1 job, 1 succeeded, $0.0100, no picks
      crab-manifest.json  3 jobs, 2 succeeded, $0.0800, no picks
        crab-v2/crab-v2-manifest.json  1 job, 1 succeeded, $0.0200, no picks  from crab-manifest.json #1  drift: not measured
          crab-v2/crab-v3/crab-v3-manifest.json  1 job, 0 succeeded, $0.0000, no picks  from crab-v2/crab-v2-manifest.json #1
        crab-v3/crab-v3-manifest.json  1 job, 0 succeeded, $0.0000, no picks  from crab-manifest.json #2
      5 manifests, 2 roots

      """)
  }

  @Test func anImageFindsItsManifestThroughItsRecordAlsoAfterAMergedBatch() async throws {
    let folder = try TemporaryFolder("reprise-iterate-record")
    defer { folder.remove() }
    let result = await runCLI(Self.parentArguments, in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    let planned = try ManifestDocument.decode(folder.read("gen/crab-manifest.json"), name: "m").manifest
    let job = planned.jobs[1]
    let record = ImageProvenance.record(
      manifestID: planned.manifestID, jobID: job.jobID, index: job.index, model: planned.spec.model, seed: job.seed, requestSHA256: job.requestSHA256,
      generationID: nil, prompt: job.prompt)
    let image = ImageProvenance.annotate(GalleryTests.png(52), record: record, embed: true).bytes
    try GalleryTests.succeed(folder, job, image: image, cost: 0.04)
    // A batch merged later changes the manifest's id; the job, and so the image's record, stays.
    var more = Self.parentArguments
    more[more.firstIndex(of: "--count")! + 1] = "1"
    let added = await runCLI(more + ["--start-index", "4"], in: folder.path)
    #expect(added.code == 0, "\(added.err)")
    let merged = try ManifestDocument.decode(folder.read("gen/crab-manifest.json"), name: "m")
    #expect(merged.storedID != planned.manifestID)
    let run = await runCLI(["iterate", "gen/crab-0002.png", "--confirm-external-upload", "--plan-only"], in: folder.path)
    #expect(run.code == 0, "\(run.err)")
    #expect(run.err == "iterate: from gen/crab-manifest.json #2 (gen/crab-0002.png) into gen/crab-v2/crab-v2-manifest.json\n")
    let child = try ManifestDocument.decode(folder.read("gen/crab-v2/crab-v2-manifest.json"), name: "c").manifest
    #expect(child.spec.parent == IterationParent(manifestID: merged.storedID, jobID: job.jobID, index: 2, sha256: SHA256.hash(image).hexString))
    // A copy elsewhere: found with --manifest, refused without (no manifest beside it).
    _ = try folder.write("picked/crab.png", bytes: image)
    let lost = await runCLI(["iterate", "picked/crab.png", "--confirm-external-upload", "--plan-only"], in: folder.path)
    #expect(lost.code == 2 && lost.err.hasPrefix("error: no manifest with job \(job.jobID) (from \(planned.manifestID)) in the folder of 'picked/crab.png'"))
    let found = await runCLI(
      ["iterate", "picked/crab.png", "--manifest", "gen/crab-manifest.json", "--confirm-external-upload", "--plan-only"], in: folder.path)
    #expect(found.code == 0, "\(found.err)")
    #expect(found.err.hasSuffix("into gen/crab-v3/crab-v3-manifest.json\n"))
    let copy = try ManifestDocument.decode(folder.read("gen/crab-v3/crab-v3-manifest.json"), name: "c").manifest
    #expect(copy.spec.baseline?.source == "../../picked/crab.png")
  }
}
