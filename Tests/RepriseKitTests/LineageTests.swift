import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// `reprise lineage`: the tree of iterations under a folder, linked by baseline sha256 to the job
/// output it came from.
@Suite struct LineageTests {
  /// Plans `count` variants of `prefix` in `outDir` with `baseline` (relative to the folder) as the baseline.
  static func plan(_ folder: TemporaryFolder, prefix: String, outDir: String, baseline: String) async throws -> Manifest {
    let result = await runCLI(
      [
        "variants", "--prompt", "the crab mascot, warmer", "--count", "2", "--out-dir", outDir, "--prefix", prefix, "--seed", "7",
        "--baseline-image", baseline, "--confirm-external-upload", "--plan-only",
      ], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    return try ManifestDocument.decode(folder.read("\(outDir)/\(prefix)-manifest.json"), name: "m").manifest
  }

  /// Adds measures against the baseline to `job`'s succeeded record, as a drain with both locks records them.
  static func measure(_ folder: TemporaryFolder, _ job: ManifestJob, outDir: String, dE: Double, ssim: Double) throws {
    let path = "\(outDir)/imagegen-queue/results/\(job.jobID).json"
    var measures = ImageMeasures(notMeasured: "")
    measures.notMeasured = nil
    var comparison = BaselineComparison(sha256: "ab")
    comparison.paletteDistance = dE
    comparison.ssim = ssim
    comparison.hashDistance = 4
    measures.baseline = comparison
    measures.locks = LockVerdicts.evaluate(measures, locks: PlannedLocks(palette: true, composition: true), thresholds: .standard)
    guard case .object(var members) = try JSONParser().parse(folder.read(path)) else { return }
    members["measures"] = measures.json
    try folder.write(path, text: JSONWriter.pretty(.object(members)))
  }

  /// A -> B (from A#1, the file's sha256), A -> C (from A#2, its provider_sha256), B -> D (from B#1);
  /// B's output measured kept against its baseline, D's drifted (SSIM 0.61).
  static func threeGenerations(_ folder: TemporaryFolder) async throws -> [Manifest] {
    let a = try await GalleryTests.plan(folder, prefix: "a", count: 3)
    try GalleryTests.succeed(folder, a.jobs[0], image: GalleryTests.png(11), cost: 0.04)
    try GalleryTests.succeed(folder, a.jobs[1], image: GalleryTests.png(12), cost: 0.04, provider: GalleryTests.png(22))
    try GalleryTests.fail(folder, a.jobs[2], message: "no credits")
    #expect(await runCLI(["pick", "gen/a-manifest.json", "1,2"], in: folder.path).code == 0)
    let b = try await plan(folder, prefix: "b", outDir: "gen/b", baseline: "gen/a-0001.png")
    try GalleryTests.succeed(folder, b.jobs[0], image: GalleryTests.png(31), cost: 0.05, outDir: "gen/b")
    try measure(folder, b.jobs[0], outDir: "gen/b", dE: 3.24, ssim: 0.91)
    _ = try folder.write("raw/a2-as-sent.png", bytes: GalleryTests.png(22))
    let c = try await plan(folder, prefix: "c", outDir: "gen/c", baseline: "raw/a2-as-sent.png")
    let d = try await plan(folder, prefix: "d", outDir: "gen/b/d", baseline: "gen/b/b-0001.png")
    try GalleryTests.succeed(folder, d.jobs[1], image: GalleryTests.png(41), cost: 0.06, outDir: "gen/b/d")
    try measure(folder, d.jobs[1], outDir: "gen/b/d", dE: 4.2, ssim: 0.61)
    #expect(await runCLI(["pick", "gen/b/d/d-manifest.json", "2"], in: folder.path).code == 0)
    return [a, b, c, d]
  }

  @Test func printsTheTreeOfIterations() async throws {
    let folder = try TemporaryFolder("reprise-lineage")
    defer { folder.remove() }
    _ = try await LineageTests.threeGenerations(folder)
    let result = await runCLI(["lineage"], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    #expect(result.err == "")
    #expect(
      result.out == """
        gen/a-manifest.json  3 jobs, 2 succeeded, $0.0800, picks 1-2
          gen/b/b-manifest.json  2 jobs, 1 succeeded, $0.0500, no picks  from gen/a-manifest.json #1  \
        drift: median dE 3.2, median SSIM 0.91, 0 of 1 drifted
            gen/b/d/d-manifest.json  2 jobs, 1 succeeded, $0.0600, picks 2  from gen/b/b-manifest.json #1  \
        drift: median dE 4.2, median SSIM 0.61, 1 of 1 drifted
          gen/c/c-manifest.json  2 jobs, 0 succeeded, $0.0000, no picks  from gen/a-manifest.json #2
        4 manifests, 1 root

        """)
    // DIR names the folder; paths are relative to it.
    let inside = await runCLI(["lineage", "gen/b"], in: folder.path)
    #expect(inside.code == 0)
    #expect(inside.out.hasPrefix("b-manifest.json  2 jobs, 1 succeeded, $0.0500, no picks\n  d/d-manifest.json  2 jobs"))
    #expect(inside.out.hasSuffix("from b-manifest.json #1  drift: median dE 4.2, median SSIM 0.61, 1 of 1 drifted\n2 manifests, 1 root\n"))
  }

  @Test func jsonListsEveryManifestSortedByPath() async throws {
    let folder = try TemporaryFolder("reprise-lineage")
    defer { folder.remove() }
    let manifests = try await LineageTests.threeGenerations(folder)
    let (a, b, c, d) = (manifests[0], manifests[1], manifests[2], manifests[3])
    let result = await runCLI(["lineage", ".", "--json"], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    let entry = { (node: String, manifest: Manifest, counts: [Int], cost: Double, picks: [Int], parent: JSONValue, children: [String]) -> JSONValue in
      .object([
        "path": .string(node), "manifest_id": .string(manifest.manifestID), "jobs": .int(Int64(counts[0])), "succeeded": .int(Int64(counts[1])),
        "cost": .double(cost), "picks": .array(picks.map { .int(Int64($0)) }), "parent": parent, "children": .strings(children), "drift": .null,
      ])
    }
    let drift = { (entry: JSONValue, dE: Double, ssim: Double, drifted: Int, line: String) -> JSONValue in
      guard case .object(var members) = entry else { return entry }
      members["drift"] = .object([
        "outputs": .int(1), "measured": .int(1), "drifted": .int(Int64(drifted)), "median_palette_distance": .double(dE),
        "median_ssim": .double(ssim), "line": .string(line),
      ])
      return .object(members)
    }
    let from = { (manifest: String, job: ManifestJob, image: [UInt8]) -> JSONValue in
      .object([
        "manifest": .string(manifest), "index": .int(Int64(job.index)), "job_id": .string(job.jobID),
        "sha256": .string(SHA256.hash(image).hexString),
      ])
    }
    let expected: JSONValue = .object([
      "manifests": .array([
        entry("gen/a-manifest.json", a, [3, 2], 0.08, [1, 2], .null, ["gen/b/b-manifest.json", "gen/c/c-manifest.json"]),
        drift(
          entry("gen/b/b-manifest.json", b, [2, 1], 0.05, [], from("gen/a-manifest.json", a.jobs[0], GalleryTests.png(11)), ["gen/b/d/d-manifest.json"]),
          3.24, 0.91, 0, "drift: median dE 3.2, median SSIM 0.91, 0 of 1 drifted"),
        drift(
          entry("gen/b/d/d-manifest.json", d, [2, 1], 0.06, [2], from("gen/b/b-manifest.json", b.jobs[0], GalleryTests.png(31)), []),
          4.2, 0.61, 1, "drift: median dE 4.2, median SSIM 0.61, 1 of 1 drifted"),
        entry("gen/c/c-manifest.json", c, [2, 0], 0, [], from("gen/a-manifest.json", a.jobs[1], GalleryTests.png(22)), []),
      ])
    ])
    #expect(result.out == JSONWriter.pretty(expected), "\(result.out)")
    #expect(try JSONParser().parse(Array(result.out.utf8))["manifests"]?.arrayValue?.count == 4)
    #expect(await runCLI(["lineage", ".", "--json"], in: folder.path).out == result.out)
  }

  @Test func driftTakesMediansOverMeasuredOutputsAndCountsDriftedLocks() {
    func measured(_ dE: Double, _ ssim: Double) -> ImageMeasures {
      var m = ImageMeasures(notMeasured: "")
      m.notMeasured = nil
      var b = BaselineComparison(sha256: "ab")
      b.paletteDistance = dE
      b.ssim = ssim
      m.baseline = b
      m.locks = LockVerdicts.evaluate(m, locks: PlannedLocks(palette: true, composition: true), thresholds: .standard)
      return m
    }
    // 12.5 > 10: palette drifted; 0.7 < 0.8: composition drifted; an old record and a lossy WebP are not measured.
    let drift = LineageDrift(measures: [measured(2, 0.9), measured(12.5, 0.85), nil, measured(4.25, 0.7), ImageMeasures(notMeasured: "webp: lossy")])
    #expect(drift.outputs == 5 && drift.measured == 3 && drift.drifted == 2)
    #expect(drift.medianPaletteDistance == 4.25 && drift.medianSSIM == 0.85)
    #expect(drift.line == "drift: median dE 4.3, median SSIM 0.85, 2 of 3 drifted")
    let even = LineageDrift(measures: [measured(2, 0.9), measured(3, 0.95)])
    #expect(even.medianPaletteDistance == 2.5 && even.medianSSIM == 0.925)
    #expect(even.line == "drift: median dE 2.5, median SSIM 0.93, 0 of 2 drifted")
    #expect(LineageDrift(measures: [nil]).line == "drift: not measured")
  }

  @Test func skipsUnreadableManifestsAndSymlinkedFolders() async throws {
    let folder = try TemporaryFolder("reprise-lineage")
    defer { folder.remove() }
    let outside = try TemporaryFolder("reprise-lineage-outside")
    defer { outside.remove() }
    _ = try await GalleryTests.plan(folder, prefix: "a", count: 1)
    _ = try await GalleryTests.plan(outside, prefix: "far", count: 1)
    _ = try folder.write("gen/old/junk-manifest.json", text: "not json\n")
    try FileManager.default.createSymbolicLink(atPath: folder.url("gen/elsewhere"), withDestinationPath: outside.url("gen"))
    let result = await runCLI(["lineage"], in: folder.path)
    #expect(result.code == 0)
    #expect(result.err.hasPrefix("warning: manifest 'gen/old/junk-manifest.json' is not valid JSON"))
    #expect(result.err.hasSuffix(": skipped\n") && result.err.split(separator: "\n").count == 1)
    #expect(result.out == "gen/a-manifest.json  1 job, 0 succeeded, $0.0000, no picks\n1 manifest, 1 root\n")
  }

  @Test func aDirThatIsNotAFolderIsBadInput() async throws {
    let folder = try TemporaryFolder("reprise-lineage")
    defer { folder.remove() }
    _ = try folder.write("notes.txt", text: "hi\n")
    let file = await runCLI(["lineage", "notes.txt"], in: folder.path)
    #expect(file.code == 2)
    #expect(file.err == "error: 'notes.txt' is not a folder\n")
    #expect(file.out == "")
    #expect(await runCLI(["lineage", "missing"], in: folder.path).err == "error: 'missing' is not a folder\n")
    let empty = await runCLI(["lineage", "--json"], in: folder.path)
    #expect(empty.code == 0)
    #expect(empty.out == "{\n  \"manifests\": []\n}\n")
    let extra = await runCLI(["lineage", "a", "b"], in: folder.path)
    #expect(extra.code == 64)
    #expect(extra.err.hasPrefix("error: lineage takes at most one folder\nUsage:\n  reprise lineage [DIR] [--json]\n"))
    #expect(await runCLI(["lineage", "--bogus"], in: folder.path).code == 64)
  }
}
