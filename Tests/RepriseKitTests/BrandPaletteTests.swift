import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// `--palette`: validated, normalised, recorded in the spec and composed into every prompt.
@Suite struct BrandPaletteTests {
  @Test func normalisesHexAndKeepsOrder() throws {
    #expect(try BrandPalette.parse("#0a2540, #FF5A5F ,f6f9fc") == ["#0A2540", "#FF5A5F", "#F6F9FC"])
    #expect(try BrandPalette.parse("#f55") == ["#FF5555"])
  }

  @Test func refusesWhatIsNotAListOfDistinctHexColours() {
    for bad in ["", "red", "#12345", "#1234567", "#GG0000", "#0A2540,,#FF5A5F", "#f00,#FF0000", Array(repeating: "#000000", count: 1).joined()
      + (1...16).map { String(format: ",#%06X", $0) }.joined()] {
      #expect(throws: RepriseError.self, "\(bad)") { try BrandPalette.parse(bad) }
    }
    #expect(throws: RepriseError.usage(
      "--palette '#f00,#FF0000' lists #FF0000 twice: use a comma-separated list of 1 to 16 distinct hex colours, #RRGGBB or #RGB "
        + "(e.g. '#0A2540,#FF5A5F,#F6F9FC')"
    )) { try BrandPalette.parse("#f00,#FF0000") }
  }

  @Test func aSweepRecordsThePaletteAndComposesItIntoEveryCellsPrompts() async throws {
    let folder = try TemporaryFolder("reprise-palette-sweep")
    defer { folder.remove() }
    let args = [
      "variants", "--prompt", "A snow crab logo", "--count", "4", "--out-dir", "gen", "--seed", "1", "--plan-only", "--sweep",
      "variation-strength=low,high", "--palette", "#0a2540,#FF5A5F",
    ]
    let result = await runCLI(args, in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    let sweep = try ManifestDocument.decode(folder.read("gen/image-manifest.json"), name: "s")
    #expect(sweep.idMatches && sweep.manifest.spec.sweep != nil && sweep.manifest.spec.palette == ["#0A2540", "#FF5A5F"])
    let line = "- Brand palette: use only these colours (hex, in order of importance): #0A2540, #FF5A5F; no other hues.\n"
    #expect(sweep.manifest.jobs.count == 8 && sweep.manifest.jobs.allSatisfy { $0.prompt.contains(line) })
    let locked = Set(["low", "high"].flatMap { DeltaCatalog.allowed(strength: $0, lockPalette: true, lockComposition: false).map(\.id) })
    #expect(sweep.manifest.jobs.allSatisfy { locked.contains($0.deltaID) }, "no colour-changing delta in any cell")
    #expect(await runCLI(args, in: folder.path).code == 0, "the same command continues the same manifest")
  }

  @Test func variantsRecordsThePaletteAndComposesItIntoEveryPrompt() async throws {
    let folder = try TemporaryFolder("reprise-palette")
    defer { folder.remove() }
    let base = ["variants", "--prompt", "A snow crab logo", "--count", "16", "--out-dir", "gen", "--seed", "1", "--plan-only"]
    #expect(await runCLI(base + ["--prefix", "plain"], in: folder.path).code == 0)
    #expect(await runCLI(base + ["--prefix", "brand", "--palette", "#0a2540,#FF5A5F,#F6F9FC"], in: folder.path).code == 0)
    let plain = try ManifestDocument.decode(folder.read("gen/plain-manifest.json"), name: "p")
    let brand = try ManifestDocument.decode(folder.read("gen/brand-manifest.json"), name: "b")
    #expect(try JSONParser().parse(folder.read("gen/plain-manifest.json"))["spec"]?["palette"] == nil, "absent without --palette")
    #expect(brand.manifest.spec.palette == ["#0A2540", "#FF5A5F", "#F6F9FC"])
    #expect(brand.idMatches)
    let line = "- Brand palette: use only these colours (hex, in order of importance): #0A2540, #FF5A5F, #F6F9FC; no other hues.\n"
    for (p, b) in zip(plain.manifest.jobs, brand.manifest.jobs) {
      #expect(!p.prompt.contains("Brand palette"))
      #expect(b.prompt.contains(line))
    }
    // The palette rules out colour-changing deltas, as the palette lock does.
    let locked = Set(DeltaCatalog.allowed(strength: "medium", lockPalette: true, lockComposition: false).map(\.id))
    #expect(brand.manifest.jobs.allSatisfy { locked.contains($0.deltaID) })
    #expect(plain.manifest.jobs.contains { !locked.contains($0.deltaID) })
    // Bad values: usage, naming the flag, nothing written.
    let bad = await runCLI(base + ["--prefix", "bad", "--palette", "#0A2540,teal"], in: folder.path)
    #expect(bad.code == 64)
    #expect(bad.err.hasPrefix("error: --palette '#0A2540,teal' is not accepted: 'teal' is not a hex colour; use a comma-separated list"))
    #expect(!folder.exists("gen/bad-manifest.json"))
    // The gallery shows it with the rails.
    #expect(await runCLI(["gallery", "gen/brand-manifest.json"], in: folder.path).code == 0)
    let html = try folder.readText("gen/brand-gallery.html")
    #expect(html.contains("<dt>Brand palette</dt>") && html.contains("background:#FF5A5F\"></span> <code>#FF5A5F</code>"))
    #expect(await runCLI(["gallery", "gen/plain-manifest.json"], in: folder.path).code == 0)
    #expect(!(try folder.readText("gen/plain-gallery.html")).contains("Brand palette"))
    // A manifest with a palette continues and replays.
    #expect(await runCLI(base + ["--prefix", "brand", "--palette", "#0A2540,#ff5a5f,#F6F9FC"], in: folder.path).code == 0)
    #expect(await runCLI(["rerun", "gen/brand-manifest.json", "--dry-run"], in: folder.path).code == 0)
  }
}
