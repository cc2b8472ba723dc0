import Foundation
import RepriseCodecs
import RepriseKit
import RepriseTestSupport
import Testing

/// `reprise measure` through the binary (output lines, --json bytes, exit codes), and a drain
/// through the mock that records measures in each result, shown by status, verify and the gallery.
@Suite struct MeasureEndToEndTests {
  /// A 64x48 RGB PNG: a left block of `left`, the rest `right`, a dark square at `square`.
  static func png(left: [UInt8], right: [UInt8], square: Int) -> [UInt8] {
    var pixels: [UInt8] = []
    for y in 0..<48 {
      for x in 0..<64 {
        if x >= square, x < square + 12, y >= 10, y < 22 { pixels += [20, 20, 30]; continue }
        pixels += x < 24 ? left : right
      }
    }
    return PNGEncoder.encode(width: 64, height: 48, pixels: pixels)
  }

  @Test func measurePrintsOneFactALineAndStableJSON() throws {
    let folder = try TemporaryFolder("reprise-measure")
    defer { folder.remove() }
    try folder.write("a.png", bytes: Self.png(left: [200, 30, 30], right: [240, 240, 240], square: 30))
    try folder.write("b.png", bytes: Self.png(left: [200, 30, 30], right: [240, 240, 240], square: 2))
    let plain = try ProcessRunner.reprise(["measure", "a.png"], in: folder.path)
    #expect(plain.status == 0, "\(plain.stderr)")
    let lines = plain.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("file: a.png (64x48, ") == true, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("colour 1: #F0F0F0 ") }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("phash: ") && $0.count == 23 })
    #expect(!lines.contains { $0.hasPrefix("palette: ") })  // no baseline, no --palette: no verdict

    let json = try ProcessRunner.reprise(["measure", "a.png", "--json"], in: folder.path)
    let again = try ProcessRunner.reprise(["measure", "a.png", "--json"], in: folder.path)
    #expect(json.status == 0 && json.stdout == again.stdout)
    let parsed = try JSONParser().parse(json.stdout)
    #expect(JSONWriter.pretty(parsed) == json.stdout)  // sorted, pretty, trailing newline
    #expect(parsed["measures"]?["schema"] == .string("reprise.measures/1"))
    #expect(parsed["measures"]?["palette"]?.arrayValue?.count == 3)

    let compared = try ProcessRunner.reprise(["measure", "a.png", "--baseline", "b.png"], in: folder.path)
    #expect(compared.status == 0, "\(compared.stderr)")
    let facts = compared.stdout.split(separator: "\n").map(String.init)
    #expect(facts.contains("palette: kept"), "\(facts)")
    #expect(facts.contains { $0.hasPrefix("composition: drifted (SSIM 0.") && $0.hasSuffix(" < 0.80)") }, "\(facts)")
    #expect(facts.contains { $0.hasPrefix("ssim: 0.") })
    #expect(facts.contains { $0.hasPrefix("phash distance: ") && $0.hasSuffix("/64") })
    let same = try ProcessRunner.reprise(["measure", "a.png", "--baseline", "a.png", "--palette", "00ff00"], in: folder.path)
    let sameFacts = same.stdout.split(separator: "\n").map(String.init)
    #expect(sameFacts.contains("ssim: 1") && sameFacts.contains("phash distance: 0/64") && sameFacts.contains("composition: kept"), "\(sameFacts)")
    // The palette lock is held to the baseline (the same image: kept), the --palette colours get their own verdict.
    #expect(sameFacts.contains("palette: kept") && sameFacts.contains { $0.hasPrefix("brand palette: drifted (dE ") }, "\(sameFacts)")
    #expect(sameFacts.contains("reference palette: #00FF00"))
    let loose = try ProcessRunner.reprise(["measure", "a.png", "--baseline", "b.png", "--composition-threshold", "0.1"], in: folder.path)
    #expect(loose.stdout.contains("composition: kept\n"))
  }

  @Test func measureRefusesBrokenFilesAndSaysWhatIsNotMeasured() throws {
    let folder = try TemporaryFolder("reprise-measure-bad")
    defer { folder.remove() }
    var bytes = Self.png(left: [1, 2, 3], right: [4, 5, 6], square: 0)
    bytes[bytes.count - 20] ^= 0xFF  // inside the IDAT data: its CRC no longer matches
    try folder.write("bad.png", bytes: bytes)
    let bad = try ProcessRunner.reprise(["measure", "bad.png"], in: folder.path)
    #expect(bad.status == 2)
    #expect(bad.stderr.hasPrefix("error: bad.png: png: "), "\(bad.stderr)")
    #expect(bad.stdout.isEmpty)
    try folder.write("notes.txt", text: "not an image")
    #expect(try ProcessRunner.reprise(["measure", "notes.txt"], in: folder.path).status == 2)
    #expect(try ProcessRunner.reprise(["measure", "missing.png"], in: folder.path).status == 2)
    try folder.write("ok.png", bytes: Self.png(left: [1, 2, 3], right: [4, 5, 6], square: 0))
    let badBaseline = try ProcessRunner.reprise(["measure", "ok.png", "--baseline", "bad.png"], in: folder.path)
    #expect(badBaseline.status == 2 && badBaseline.stderr.hasPrefix("error: bad.png: png: "))
    let badPalette = try ProcessRunner.reprise(["measure", "ok.png", "--palette", "#12345"], in: folder.path)
    #expect(badPalette.status == 64 && badPalette.stderr.contains("--palette '#12345' is not a colour"), "\(badPalette.stderr)")
    #expect(try ProcessRunner.reprise(["measure", "ok.png", "--composition-threshold", "2"], in: folder.path).status == 64)

    // A lossy WebP (RIFF, WEBP, a VP8 chunk): not decoded, said plainly, exit 0.
    var webp = Array("RIFF".utf8) + [22, 0, 0, 0] + Array("WEBPVP8 ".utf8) + [10, 0, 0, 0]
    webp += [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0x01, 0x00, 0x01, 0x00]
    try folder.write("photo.webp", bytes: webp)
    let lossy = try ProcessRunner.reprise(["measure", "photo.webp"], in: folder.path)
    #expect(lossy.status == 0, "\(lossy.stderr)")
    #expect(lossy.stdout.contains("\nnot measured: webp: "), "\(lossy.stdout)")
    let lossyJSON = try JSONParser().parse(try ProcessRunner.reprise(["measure", "photo.webp", "--json"], in: folder.path).stdout)
    #expect(lossyJSON["measures"]?["not_measured"]?.stringValue?.hasPrefix("webp: ") == true)
  }

  @Test func drainRecordsMeasuresAndStatusVerifyGalleryShowVerdicts() throws {
    let s = try MockedBatchFolder("reprise-measure-drain")
    defer { s.done() }
    try s.folder.write("base.png", bytes: Self.png(left: [200, 30, 30], right: [240, 240, 240], square: 30))
    let run = try s.reprise([
      "variants", "--prompt", "Refine this crab logo, keep the wordmark \"Crab\"", "--count", "2", "--out-dir", "gen", "--baseline-image", "base.png",
      "--confirm-external-upload", "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let records = s.listing("results").filter { $0.hasSuffix(".json") }
    #expect(records.count == 2)
    let baselineSHA = SHA256.hash(try s.folder.read("base.png")).hexString
    for name in records {
      let record = try JSONParser().parse(try s.folder.readText("gen/imagegen-queue/results/" + name))
      let measures = try #require(record["measures"])
      #expect(measures["schema"] == .string("reprise.measures/1"))
      #expect(measures["palette"]?.arrayValue?.isEmpty == false)
      #expect(measures["baseline"]?["sha256"] == .string(baselineSHA))
      #expect(measures["baseline"]?["ssim"]?.doubleValue != nil)
      #expect(measures["locks"]?["palette"]?["line"]?.stringValue?.hasPrefix("palette: ") == true)
      #expect(measures["locks"]?["composition"]?["line"]?.stringValue?.hasPrefix("composition: ") == true)
      #expect(record["lock_palette"] == .bool(true) && record["lock_composition"] == .bool(true))
      let parsed = try #require(JobResult(reading: record))
      #expect(parsed.measures.map { JSONWriter.pretty($0.json) } == JSONWriter.pretty(measures))
    }
    let status = try s.reprise(["status", "--manifest", "gen/image-manifest.json"])
    #expect(status.status == 0, "\(status.stderr)")
    let okLines = status.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") }
    #expect(okLines.count == 2)
    #expect(okLines.allSatisfy { $0.contains("  palette: ") && $0.contains("; composition: ") }, "\(status.stdout)")
    #expect(okLines.allSatisfy { $0.contains(", SSIM ") && $0.hasSuffix("/64") }, "\(status.stdout)")
    let statusJSON = try JSONParser().parse(try s.reprise(["status", "--manifest", "gen/image-manifest.json", "--json"]).stdout)
    #expect(statusJSON["jobs"]?.arrayValue?.allSatisfy { $0["verdicts"]?.arrayValue?.count == 2 } == true)
    // The request's view shows the same verdicts (it reads only what status shows of each record).
    let requestID = try #require(JSONParser().parse(try s.folder.readText("gen/imagegen-queue/results/" + records[0]))["request_id"]?.stringValue)
    let byRequest = try s.reprise(["status", "--queue-dir", "gen/imagegen-queue", "--request-id", requestID])
    #expect(byRequest.status == 0, "\(byRequest.stderr)")
    #expect(byRequest.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") } == okLines, "\(byRequest.stdout)")
    let byRequestJSON = try JSONParser().parse(try s.reprise(["status", "--queue-dir", "gen/imagegen-queue", "--request-id", requestID, "--json"]).stdout)
    #expect(byRequestJSON["jobs"]?.arrayValue?.allSatisfy { $0["verdicts"]?.arrayValue?.count == 2 && $0["measures"]?.objectValue != nil } == true)
    let verify = try s.reprise(["verify", "gen/image-manifest.json"])
    #expect(verify.status == 0)
    #expect(verify.stdout.contains("; composition: "), "\(verify.stdout)")
    #expect(try s.reprise(["gallery", "gen/image-manifest.json"]).status == 0)
    let page = try s.folder.readText("gen/image-gallery.html")
    #expect(page.contains("class=\"swatches\"") && page.contains("Baseline palette") && page.contains("pHash distance"))
    #expect(page.contains(" drifted</span>") || page.contains(">locks kept</span>"))
  }

  @Test func drainWithBrandPaletteRecordsItsDistanceAndVerdictAndStatusShowsIt() throws {
    let s = try MockedBatchFolder("reprise-measure-brand")
    defer { s.done() }
    try s.folder.write("base.png", bytes: Self.png(left: [200, 30, 30], right: [240, 240, 240], square: 30))
    let run = try s.reprise([
      "variants", "--prompt", "Refine this crab logo", "--count", "2", "--out-dir", "gen", "--baseline-image", "base.png",
      "--confirm-external-upload", "--palette", "#0a2540,#FF5A5F", "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let records = s.listing("results").filter { $0.hasSuffix(".json") }
    #expect(records.count == 2)
    for name in records {
      let record = try JSONParser().parse(try s.folder.readText("gen/imagegen-queue/results/" + name))
      #expect(record["brand_palette"] == .strings(["#0A2540", "#FF5A5F"]), "the job carried the spec's palette")
      let measures = try #require(record["measures"])
      #expect(measures["reference_palette"]?["colours"] == .strings(["#0A2540", "#FF5A5F"]))
      let distance = try #require(measures["reference_palette"]?["palette_distance"]?.doubleValue)
      // The same distance `reprise measure --palette` finds for the stored output.
      let out = try #require(record["out"]?.stringValue)
      let output = PathMath.absolute(out, base: s.folder.url("gen/imagegen-queue/results"))
      let measured = try ProcessRunner.reprise(["measure", output, "--palette", "#0A2540,#FF5A5F", "--json"], in: s.folder.path)
      #expect(try JSONParser().parse(measured.stdout)["measures"]?["reference_palette"]?["palette_distance"]?.doubleValue == distance)
      let brand = try #require(measures["locks"]?["brand_palette"])
      #expect(brand["against"] == .string("palette") && brand["threshold"]?.doubleValue == 10)
      let expected = distance <= 10 ? "brand palette: kept" : "brand palette: drifted (dE \(String(format: "%.1f", distance)) > 10)"
      #expect(brand["line"] == .string(expected), "\(brand)")
      #expect(brand["state"] == .string(distance <= 10 ? "kept" : "drifted"))
      // The palette lock is still held to the baseline.
      #expect(measures["locks"]?["palette"]?["against"] == .string("baseline"))
    }
    let status = try s.reprise(["status", "--manifest", "gen/image-manifest.json"])
    let okLines = status.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") }
    #expect(okLines.count == 2 && okLines.allSatisfy { $0.contains("; composition: ") && $0.contains("; brand palette: ") }, "\(status.stdout)")
    let statusJSON = try JSONParser().parse(try s.reprise(["status", "--manifest", "gen/image-manifest.json", "--json"]).stdout)
    #expect(statusJSON["jobs"]?.arrayValue?.allSatisfy { $0["verdicts"]?.arrayValue?.count == 3 } == true, "\(statusJSON)")
    let verify = try s.reprise(["verify", "gen/image-manifest.json"])
    #expect(verify.status == 0 && verify.stdout.contains("; brand palette: "), "\(verify.stdout)")
    #expect(try s.reprise(["gallery", "gen/image-manifest.json"]).status == 0)
    #expect(try s.folder.readText("gen/image-gallery.html").contains("brand palette: "))
    // Without --palette, nothing of it in the job's record.
    #expect(try s.reprise(["variants", "--prompt", "A plain crab", "--count", "1", "--out-dir", "plain", "--quiet"]).status == 0)
    let plain = ((try? FileManager.default.contentsOfDirectory(atPath: s.folder.url("plain/imagegen-queue/results"))) ?? []).filter { $0.hasSuffix(".json") }
    #expect(plain.count == 1)
    for name in plain {
      let record = try JSONParser().parse(try s.folder.readText("plain/imagegen-queue/results/" + name))
      #expect(record["brand_palette"] == nil && record["measures"]?["locks"]?["brand_palette"] == nil)
    }
  }

  @Test func diffAndRerunCompareOutputsByMeasures() throws {
    let s = try MockedBatchFolder("reprise-measure-diff")
    defer { s.done() }
    #expect(try s.reprise(["variants", "--prompt", "A red crab logo, flat vector", "--count", "1", "--out-dir", "gen", "--quiet"]).status == 0)
    #expect(try s.reprise(["variants", "--prompt", "A blue whale poster, photo", "--count", "1", "--out-dir", "gen2", "--quiet"]).status == 0)
    let diff = try s.reprise(["diff", "gen/image-manifest.json", "gen2/image-manifest.json"])
    #expect(diff.status == 1)
    let line = diff.stdout.split(separator: "\n").first { $0.hasPrefix("~ jobs[index=1].output different bytes: ") }.map(String.init) ?? ""
    #expect(line.contains("; near-identical (pHash distance ") || line.contains("; different (pHash distance "), "\(diff.stdout)")
    let diffJSON = try JSONParser().parse(try s.reprise(["diff", "gen/image-manifest.json", "gen2/image-manifest.json", "--json"]).stdout)
    let row = diffJSON["outputs"]?["rows"]?.arrayValue?.first
    #expect(row?["similarity"]?["phash_distance"]?.intValue != nil, "\(diffJSON)")
    let rerun = try s.reprise(["rerun", "gen/image-manifest.json", "--json", "--quiet"])
    #expect(rerun.status == 0, "\(rerun.stderr)")
    let job = try JSONParser().parse(rerun.stdout)["jobs"]?.arrayValue?.first
    #expect(job?["verdict"] == .string("identical"))
    #expect(job?["similarity"]?["line"] == .string("identical bytes"), "\(rerun.stdout)")
  }
}
