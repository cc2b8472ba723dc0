import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// `reprise pick`: the picks file beside the manifest, its checks against the manifest, concurrent
/// picks, and how `status`, `gallery` and `diff` show picks.
@Suite struct PickTests {
  static let manifest = "gen/crab-manifest.json"

  /// The picks file, parsed.
  static func picks(_ folder: TemporaryFolder, _ name: String = "gen/crab-picks.json") throws -> JSONValue {
    try JSONParser().parse(folder.read(name))
  }

  @Test func recordsSortedPicksWithNotesAndNeverTouchesTheManifest() async throws {
    let folder = try TemporaryFolder("reprise-pick")
    defer { folder.remove() }
    let manifest = try await GalleryTests.plan(folder, prefix: "crab", count: 4)
    let manifestBytes = try folder.read(PickTests.manifest)
    let result = await runCLI(["pick", PickTests.manifest, "3", "1", "--note", "warm palette"], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    #expect(result.out.hasSuffix("2 picks in gen/crab-picks.json\n"))
    let text = try folder.readText("gen/crab-picks.json")
    #expect(text.hasSuffix("}\n") && text.contains("\n  \"manifest_id\""))
    let file = try PickTests.picks(folder)
    #expect(file["schema"]?.stringValue == "reprise.picks/1")
    #expect(file["manifest_id"]?.stringValue == manifest.manifestID)
    let picks = file["picks"]?.arrayValue ?? []
    #expect(picks.map { $0["index"]?.intValue } == [1, 3])
    #expect(picks.map { $0["job_id"]?.stringValue } == [manifest.jobs[0].jobID, manifest.jobs[2].jobID])
    #expect(picks.map { $0["out"]?.stringValue } == ["crab-0001.png", "crab-0003.png"])
    #expect(picks.map { $0["request_sha256"]?.stringValue } == [manifest.jobs[0].requestSHA256, manifest.jobs[2].requestSHA256])
    #expect(picks.allSatisfy { $0["note"]?.stringValue == "warm palette" })
    #expect(try folder.read(PickTests.manifest) == manifestBytes)

    // Picking again changes nothing (and keeps the note); --unpick removes.
    let before = folder.snapshot()
    let again = await runCLI(["pick", PickTests.manifest, "1,3"], in: folder.path)
    #expect(again.code == 0)
    #expect(again.out.hasSuffix("(unchanged)\n"))
    #expect(folder.snapshot() == before)
    #expect(await runCLI(["pick", PickTests.manifest, "1", "--unpick"], in: folder.path).code == 0)
    #expect(try PickTests.picks(folder)["picks"]?.arrayValue?.map { $0["index"]?.intValue } == [3])
    #expect(try folder.read(PickTests.manifest) == manifestBytes)
  }

  @Test func badInputIsOneLineAndWritesNothing() async throws {
    let folder = try TemporaryFolder("reprise-pick")
    defer { folder.remove() }
    _ = try await GalleryTests.plan(folder, prefix: "crab", count: 4)
    let before = folder.snapshot()
    let missing = await runCLI(["pick", PickTests.manifest, "2", "9"], in: folder.path)
    #expect(missing.code == 2)
    #expect(missing.err == "error: index 9 is not in manifest 'gen/crab-manifest.json' (its indices: 1-4)\n")
    #expect(await runCLI(["pick", PickTests.manifest], in: folder.path).code == 64)
    #expect(await runCLI(["pick", PickTests.manifest, "x"], in: folder.path).err.hasPrefix("error: INDEX 'x' is not an index list"))
    let both = await runCLI(["pick", PickTests.manifest, "1", "--unpick", "--note", "n"], in: folder.path)
    #expect(both.code == 64)
    #expect(both.err.hasPrefix("error: --note cannot be used with --unpick\n"))
    #expect(await runCLI(["pick", "gen/nope-manifest.json", "1"], in: folder.path).code == 2)
    #expect(folder.snapshot() == before)

    // A file reprise did not write is never replaced.
    try folder.write("gen/crab-picks.json", text: "my notes\n")
    let foreign = await runCLI(["pick", PickTests.manifest, "1"], in: folder.path)
    #expect(foreign.code == 2)
    #expect(foreign.err.hasPrefix("error: picks file 'gen/crab-picks.json' is not valid JSON"))
    #expect(try folder.readText("gen/crab-picks.json") == "my notes\n")
  }

  @Test func concurrentPicksAllLand() async throws {
    let folder = try TemporaryFolder("reprise-pick")
    defer { folder.remove() }
    _ = try await GalleryTests.plan(folder, prefix: "crab", count: 12)
    let codes = await withTaskGroup(of: Int32.self) { group in
      for index in 1...12 { group.addTask { await runCLI(["pick", PickTests.manifest, String(index)], in: folder.path).code } }
      return await group.reduce(into: [Int32]()) { $0.append($1) }
    }
    #expect(codes == Array(repeating: 0, count: 12))
    #expect(try PickTests.picks(folder)["picks"]?.arrayValue?.map { $0["index"]?.intValue } == (1...12).map { Int64($0) })
    #expect(!folder.exists("gen/.crab-picks.json.lock"))
  }

  @Test func picksSurviveAMergedBatchButNotAReplacedManifest() async throws {
    let folder = try TemporaryFolder("reprise-pick")
    defer { folder.remove() }
    let first = try await GalleryTests.plan(folder, prefix: "crab", count: 2)
    #expect(await runCLI(["pick", PickTests.manifest, "2", "--note", "keep"], in: folder.path).code == 0)
    let more = await runCLI(
      [
        "variants", "--prompt", GalleryTests.prompt, "--count", "2", "--start-index", "3", "--out-dir", "gen", "--prefix", "crab", "--seed", "7",
        "--must-keep", "the <b>wordmark</b>", "--plan-only",
      ], in: folder.path)
    #expect(more.code == 0, "\(more.err)")
    let merged = try ManifestDocument.decode(folder.read(PickTests.manifest), name: "m").manifest
    #expect(merged.manifestID != first.manifestID && merged.jobs.count == 4)
    let picked = await runCLI(["pick", PickTests.manifest, "4", "--json"], in: folder.path)
    #expect(picked.code == 0, "\(picked.err)")
    let file = try PickTests.picks(folder)
    #expect(file["manifest_id"]?.stringValue == merged.manifestID)
    #expect(file["picks"]?.arrayValue?.map { $0["index"]?.intValue } == [2, 4])
    #expect(file["picks"]?.arrayValue?.first?["note"]?.stringValue == "keep")

    // The same prefix planned again from another prompt: job 2 is another request now.
    try FileManager.default.removeItem(atPath: folder.url(PickTests.manifest))
    _ = try await GalleryTests.plan(folder, prefix: "crab", count: 4, prompt: "A lobster logo, flat vector")
    let before = folder.snapshot()
    let refused = await runCLI(["pick", PickTests.manifest, "1"], in: folder.path)
    #expect(refused.code == 2)
    #expect(refused.err.hasPrefix("error: picks file 'gen/crab-picks.json' does not belong to manifest 'gen/crab-manifest.json'"))
    #expect(refused.err.filter { $0 == "\n" }.count == 1)
    #expect(folder.snapshot() == before)
    // Readers that only show picks warn and go on without them (here status then finds no jobs: 2).
    let status = await runCLI(["status", "--manifest", PickTests.manifest, "--queue-dir", "."], in: folder.path)
    #expect(status.err.hasPrefix("warning: picks file 'gen/crab-picks.json' does not belong to manifest"), "\(status.err)")
    #expect(status.err.contains("; shown without picks\n"))
    let gallery = await runCLI(["gallery", PickTests.manifest, "--queue-dir", "."], in: folder.path)
    #expect(gallery.code == 0, "\(gallery.err)")
    #expect(gallery.err.contains("shown without picks"))
  }

  @Test func statusGalleryAndDiffShowPicks() async throws {
    let folder = try TemporaryFolder("reprise-pick")
    defer { folder.remove() }
    let manifest = try await GalleryTests.sample(folder)
    #expect(await runCLI(["pick", PickTests.manifest, "2", "--note", "the <one>"], in: folder.path).code == 0)

    let json = await runCLI(["status", "--manifest", PickTests.manifest, "--json"], in: folder.path)
    let jobs = try JSONParser().parse(Array(json.out.utf8))["jobs"]?.arrayValue ?? []
    #expect(jobs.map { $0["picked"]?.boolValue } == [false, true, false, false])
    let text = await runCLI(["status", "--manifest", PickTests.manifest], in: folder.path)
    let lines = text.out.split(separator: "\n")
    #expect(lines[1].hasPrefix("ok          \(manifest.jobs[1].jobID)") && lines[1].hasSuffix("  picked"))
    #expect(!lines[0].contains("picked") && !lines[2].contains("picked"))

    #expect(await runCLI(["gallery", PickTests.manifest], in: folder.path).code == 0)
    let cards = GalleryTests.cards(try folder.readText("gen/crab-gallery.html"))
    #expect(cards.count == 4)
    #expect(cards[1].hasPrefix("state-succeeded picked\""))
    #expect(cards[1].contains("<span class=\"badge pick\">picked</span>") && cards[1].contains("<strong>Note:</strong> the &lt;one&gt;"))
    #expect(cards.enumerated().allSatisfy { $0.offset == 1 || !$0.element.contains("picked") })

    _ = try await GalleryTests.plan(folder, prefix: "crab2", count: 2)
    let diff = await runCLI(["diff", PickTests.manifest, "gen/crab2-manifest.json"], in: folder.path)
    #expect(diff.out.hasSuffix("picks old: 2 \(manifest.jobs[1].jobID) (note: the <one>)\n"))
    let diffJSON = await runCLI(["diff", PickTests.manifest, "gen/crab2-manifest.json", "--json"], in: folder.path)
    let picks = try JSONParser().parse(Array(diffJSON.out.utf8))["picks"]
    #expect(picks?["old"]?.arrayValue?.map { $0["index"]?.intValue } == [2])
    #expect(picks?["new"]?.isNull == true)
  }
}
