import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// A structurally valid PNG (signature, IHDR with its CRC, an IDAT of `padding` bytes, IEND):
/// enough for every header check; the pixels are never decoded.
func pngHeader(width: UInt32, height: UInt32, padding: Int = 0, depth: UInt8 = 8, colourType: UInt8 = 2) -> [UInt8] {
  func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
  return PNGChunks.signature + PNGEncoder.chunk(type: "IHDR", data: be(width) + be(height) + [depth, colourType, 0, 0, 0])
    + PNGEncoder.chunk(type: "IDAT", data: [UInt8](repeating: 0, count: padding)) + PNGEncoder.chunk(type: "IEND", data: [])
}

@Suite struct ManifestWorkflowTests {
  let prompt = "A minimalist snow crab logo, flat vector, centred"

  @Test func planOnlyWritesAByteIdenticalManifestInAnyFolder() async throws {
    let a = try TemporaryFolder(), b = try TemporaryFolder()
    defer { a.remove(); b.remove() }
    for folder in [a, b] {
      let result = await runCLI(["variants", "--prompt", prompt, "--count", "3", "--out-dir", "gen", "--prefix", "crab", "--plan-only"], in: folder.path)
      #expect(result.code == 0, "\(result.err)")
    }
    let text = try a.readText("gen/crab-manifest.json")
    #expect(try b.readText("gen/crab-manifest.json") == text)
    #expect(text.hasSuffix("}\n"))
    #expect(!text.contains(a.path) && !text.contains("created"))
    let document = try ManifestDocument.decode(try a.read("gen/crab-manifest.json"), name: "m")
    #expect(document.idMatches)
    #expect(document.manifest.jobs.map(\.out) == ["crab-0001.png", "crab-0002.png", "crab-0003.png"])
  }

  @Test func dryRunPrintsTheManifestAndWritesNothing() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let result = await runCLI(["variants", "--prompt", prompt, "--count", "2", "--out-dir", "gen", "--dry-run"], in: folder.path)
    #expect(result.code == 0)
    #expect(try ManifestDocument.decode(Array(result.out.utf8), name: "stdout").idMatches)
    #expect(folder.snapshot().isEmpty)
  }

  @Test func sameSpecMergesNewBatchesAndDifferentSpecIsRefused() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let base = ["variants", "--prompt", prompt, "--out-dir", "gen", "--plan-only"]
    #expect(await runCLI(base + ["--count", "2"], in: folder.path).code == 0)
    #expect(await runCLI(base + ["--count", "2", "--start-index", "3"], in: folder.path).code == 0)
    let merged = try ManifestDocument.decode(try folder.read("gen/image-manifest.json"), name: "m").manifest
    #expect(merged.jobs.map(\.index) == [1, 2, 3, 4])
    #expect(
      merged.batches == [
        ManifestBatch(startIndex: 1, count: 2, maxJobs: nil, requestID: nil), ManifestBatch(startIndex: 3, count: 2, maxJobs: nil, requestID: nil),
      ])
    let before = folder.snapshot()
    // Repeating a batch is idempotent.
    #expect(await runCLI(base + ["--count", "2"], in: folder.path).code == 0)
    #expect(folder.snapshot() == before)
    let refused = await runCLI(base + ["--count", "2", "--variation-strength", "high"], in: folder.path)
    #expect(refused.code == 2)
    // The derived seed base is a hash of the rest, so the message names the field the user changed.
    #expect(
      refused.err.hasPrefix(
        "error: manifest 'gen/image-manifest.json' already exists with a different spec: spec.variation_strength differs (\"medium\" -> \"high\")"))
    #expect(refused.err.hasSuffix("; use another --prefix or --out-dir\n"))
    #expect(folder.snapshot() == before)
  }

  @Test func differentSpecNamesTheFirstDifferingField() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let base = ["variants", "--prompt", prompt, "--out-dir", "gen", "--plan-only", "--seed", "5", "--count", "2"]
    #expect(await runCLI(base, in: folder.path).code == 0)
    let refused = await runCLI(base + ["--aspect-ratio", "16:9"], in: folder.path)
    #expect(refused.code == 2)
    #expect(
      refused.err.hasPrefix("error: manifest 'gen/image-manifest.json' already exists with a different spec: spec.aspect_ratio differs (null -> \"16:9\")"))
  }

  @Test func editedManifestIsNeverMergedInto() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let base = ["variants", "--prompt", prompt, "--out-dir", "gen", "--plan-only", "--count", "2"]
    #expect(await runCLI(base, in: folder.path).code == 0)
    let edited = try folder.readText("gen/image-manifest.json").replacingOccurrences(of: "\"count\": 2", with: "\"count\": 3")
    try folder.write("gen/image-manifest.json", text: edited)
    let result = await runCLI(base, in: folder.path)
    #expect(result.code == 2)
    #expect(result.err.contains("was edited"))
    #expect(try folder.readText("gen/image-manifest.json") == edited)
  }

  @Test func baselineIsRecordedByDigestAndRelativePath() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let png = pngHeader(width: 640, height: 480)
    try folder.write("refs/base.png", bytes: png)
    let result = await runCLI(
      [
        "variants", "--prompt", prompt, "--count", "2", "--out-dir", "gen", "--plan-only", "--baseline-image", "refs/base.png", "--confirm-external-upload",
        "--baseline-source-kind", "reply_attachment",
      ], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    let spec = try ManifestDocument.decode(try folder.read("gen/image-manifest.json"), name: "m").manifest.spec
    let baseline = try #require(spec.baseline)
    #expect(baseline.location == .file(path: "../refs/base.png", legacyPathAsGiven: nil))
    #expect(baseline.sha256 == SHA256.hash(png).hexString)
    #expect(baseline.bytes == png.count && baseline.mediaType == "image/png" && baseline.width == 640 && baseline.height == 480)
    #expect(baseline.sourceKind == "reply_attachment")
    #expect(spec.railsApplied == ["variation_strength=low", "lock_palette=true", "lock_composition=true"])
  }

  @Test func rerunDryRunReportsOkDiffersAndBaselineProblems() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("base.png", bytes: pngHeader(width: 8, height: 8))
    let plan = await runCLI(
      ["variants", "--prompt", prompt, "--count", "3", "--out-dir", "gen", "--plan-only", "--baseline-image", "base.png", "--confirm-external-upload"],
      in: folder.path)
    #expect(plan.code == 0, "\(plan.err)")
    let ok = await runCLI(["rerun", "gen/image-manifest.json", "--dry-run"], in: folder.path)
    #expect(ok.code == 0)
    #expect(ok.out.contains("3 of 3 requests match"))

    // A job whose recorded hash differs (manifest id recomputed, so the file is consistent): exit 1.
    let original = try folder.read("gen/image-manifest.json")
    var raw = try JSONParser().parse(original)
    guard case .object(var members) = raw, case .array(var jobs) = members["jobs"]!, case .object(var job) = jobs[1] else { Issue.record("shape"); return }
    job["request_sha256"] = .string(String(repeating: "0", count: 64))
    jobs[1] = .object(job)
    members["jobs"] = .array(jobs)
    members["manifest_id"] = nil
    members["manifest_id"] = .string(Manifest.id(ofBody: .object(members)))
    raw = .object(members)
    try folder.write("gen/image-manifest.json", text: JSONWriter.pretty(raw))
    let differs = await runCLI(["rerun", "gen/image-manifest.json", "--dry-run", "--json"], in: folder.path)
    #expect(differs.code == 1)
    let report = try JSONParser().parse(differs.out)
    #expect(report["jobs"]?.arrayValue?.map { $0["status"]?.stringValue } == ["ok", "differs", "ok"])

    // Edited without recomputing the id: exit 2.
    try folder.write("gen/image-manifest.json", text: String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\"seed\": ", with: "\"seed\": 1"))
    let edited = await runCLI(["rerun", "gen/image-manifest.json", "--dry-run"], in: folder.path)
    #expect(edited.code == 2)
    #expect(edited.err.contains("was edited"))

    // Changed and missing baseline: exit 2, message says which.
    try folder.write("gen/image-manifest.json", bytes: original)
    try folder.write("base.png", bytes: pngHeader(width: 9, height: 8))
    let changed = await runCLI(["rerun", "gen/image-manifest.json", "--dry-run"], in: folder.path)
    #expect(changed.code == 2)
    #expect(changed.err.contains("changed since the manifest was written"))
    try FileManager.default.removeItem(atPath: folder.url("base.png"))
    let missing = await runCLI(["rerun", "gen/image-manifest.json", "--dry-run"], in: folder.path)
    #expect(missing.code == 2)
    #expect(missing.err.contains("missing"))
  }

  @Test func diffReportsSpecAndJobChanges() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect(await runCLI(["variants", "--prompt", prompt, "--count", "2", "--out-dir", "a", "--plan-only", "--seed", "1"], in: folder.path).code == 0)
    #expect(
      await runCLI(["variants", "--prompt", prompt + " with rim light", "--count", "3", "--out-dir", "b", "--plan-only", "--seed", "1"], in: folder.path).code
        == 0)
    let same = await runCLI(["diff", "a/image-manifest.json", "a/image-manifest.json"], in: folder.path)
    #expect(same.code == 0)
    #expect(same.out.hasSuffix("identical\n"))
    let text = await runCLI(["diff", "a/image-manifest.json", "b/image-manifest.json"], in: folder.path)
    #expect(text.code == 1)
    #expect(text.out.contains("~ spec.prompt: A minimalist snow crab logo, flat vector, {+centred with rim light+}") || text.out.contains("{+with rim light+}"))
    #expect(text.out.contains("+ jobs[index=3]"))
    let json = await runCLI(["diff", "a/image-manifest.json", "b/image-manifest.json", "--json"], in: folder.path)
    let parsed = try JSONParser().parse(json.out)
    #expect(parsed["manifest_ids_equal"] == .bool(false))
    let paths = parsed["changes"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
    #expect(paths.contains("spec.prompt") && paths.contains("jobs[index=1].prompt") && paths.contains("jobs[index=3]"))
    let opOfAdded = parsed["changes"]?.arrayValue?.first { $0["path"] == .string("jobs[index=3]") }?["op"]
    #expect(opOfAdded == .string("add"))
  }
}

@Suite struct ManifestMergeEdgeTests {
  @Test func namesSortAcrossBatches() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let base = ["variants", "--prompt", "A crab poster, flat vector, centred", "--out-dir", "gen", "--plan-only", "--seed", "3"]
    #expect(await runCLI(base + ["--count", "5"], in: folder.path).code == 0)
    let grown = await runCLI(base + ["--count", "100"], in: folder.path)
    #expect(grown.code == 0, "\(grown.err)")
    let jobs = try ManifestDocument.decode(try folder.read("gen/image-manifest.json"), name: "m").manifest.jobs
    #expect(jobs.map(\.index) == Array(1...100))
    #expect(jobs.map(\.out).sorted() == jobs.map(\.out))
    #expect(jobs.map(\.jobID).sorted() == jobs.map(\.jobID))
    #expect(jobs[0].out == "image-0001.png" && jobs[4].out == "image-0005.png" && jobs[5].out == "image-0006.png" && jobs[99].out == "image-0100.png")
  }

  @Test func aBatchOnAnOlderManifestUsesItsWidthWhereItCan() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try LegacyManifests.install(in: folder)
    let path = "manifests/examples/crab-iteration-manifest.json"
    let continued = await runCLI(LegacyManifests.with(LegacyManifests.crabIteration, "--start-index", "4"), in: folder.path)
    #expect(continued.code == 0, "\(continued.err)")
    var jobs = try ManifestDocument.decode(try folder.read(path), name: path).manifest.jobs
    #expect(jobs.map(\.out) == (1...6).map { "crab-iteration-0\($0).png" })
    // Past 99 the old two digits cannot hold the index: the new batch gets four, earlier names stay.
    let grown = await runCLI(LegacyManifests.with(LegacyManifests.with(LegacyManifests.crabIteration, "--start-index", "98"), "--count", "4"), in: folder.path)
    #expect(grown.code == 0, "\(grown.err)")
    jobs = try ManifestDocument.decode(try folder.read(path), name: path).manifest.jobs
    #expect(jobs.suffix(4).map(\.out) == ["crab-iteration-0098.png", "crab-iteration-0099.png", "crab-iteration-0100.png", "crab-iteration-0101.png"])
    #expect(jobs[0].out == "crab-iteration-01.png")
  }

  @Test func unknownMembersAreNeverDroppedByARewrite() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let base = ["variants", "--prompt", "A crab poster, flat vector, centred", "--out-dir", "gen", "--plan-only", "--seed", "3", "--count", "2"]
    #expect(await runCLI(base, in: folder.path).code == 0)
    guard case .object(var members) = try JSONParser().parse(try folder.read("gen/image-manifest.json")) else { return }
    members["manifest_id"] = nil
    members["future_member"] = .string("kept")
    members["manifest_id"] = .string(Manifest.id(ofBody: .object(members)))
    let text = JSONWriter.pretty(.object(members))
    try folder.write("gen/image-manifest.json", text: text)
    let result = await runCLI(base + ["--start-index", "3"], in: folder.path)
    #expect(result.code == 2)
    #expect(result.err.contains("members this reprise does not know"))
    #expect(try folder.readText("gen/image-manifest.json") == text)
  }

  @Test(arguments: ["reprise.manifest/1.foo", "reprise.manifest/01", "reprise.manifest/+1", "reprise.manifest/1."])
  func malformedSchemaVersionsAreRefused(schema: String) {
    #expect(throws: RepriseError.self) { try ManifestDocument.decode(Array(#"{"schema":"\#(schema)","manifest_id":"x"}"#.utf8), name: "m") }
  }
}
