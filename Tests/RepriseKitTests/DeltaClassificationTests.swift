import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// Every catalog entry, classified by hand against the two locks: palette (hue, colour
/// temperature, saturation, tint, contrast, colour of light) and composition (framing, layout,
/// crop, placement, viewpoint, scale).
@Suite struct DeltaClassificationTests {
  static let expected: [String: VariationDelta.Aspect] = [
    "low.line-lighter": .treatment, "low.line-heavier": .treatment, "low.corners-softer": .treatment,
    "low.warm-key-light": .palette, "low.palette-accent-saturation": .palette, "low.margin-more": .composition,
    "low.paper-grain": .treatment, "low.simplify-secondary": .treatment, "low.tracking-tighter": .treatment,
    "low.rim-light": .treatment, "low.palette-contrast-calmer": .palette, "low.crop-tighter": .composition,
    "low.corners-crisper": .treatment, "low.clean-edges": .treatment, "low.tracking-looser": .treatment,
    "low.smooth-gradients": .treatment,
    "medium.monoline": .treatment, "medium.soft-light": .palette, "medium.palette-analogous": .palette,
    "medium.focal-left-third": .composition, "medium.riso-texture": .treatment, "medium.less-detail": .treatment,
    "medium.geometric-sans": .treatment, "medium.thick-thin": .treatment, "medium.palette-complementary-accent": .palette,
    "medium.symmetric": .composition, "medium.hard-key-light": .treatment, "medium.matte-fills": .treatment,
    "medium.focal-detail": .treatment, "medium.humanist-serif": .treatment, "medium.palette-two-tone": .palette,
    "medium.low-viewpoint": .composition,
    "high.flat-vector": .treatment, "high.chiaroscuro": .treatment, "high.palette-monochrome": .palette,
    "high.extreme-close-up": .composition, "high.ink-hatching": .treatment, "high.halftone": .treatment,
    "high.minimal-mark": .treatment, "high.clay-render": .treatment, "high.palette-night-neon": .palette,
    "high.wide-negative-space": .composition, "high.high-key": .treatment, "high.condensed-display": .treatment,
    "high.palette-earthy": .palette, "high.top-down": .composition, "high.hand-made": .treatment,
    "high.diagonal": .composition,
  ]

  /// Words (regular expressions) that mark a colour change / a layout change in a delta's text.
  static let colourWords = [
    #"\bwarm"#, #"\bcool"#, #"\bhue"#, #"\bsaturat"#, #"\bcolou?r"#, #"\btint"#, #"\bpalette"#, #"\bovercast"#, #"\bneon"#, #"\bmonochrome"#, #"\btone\b"#,
    #"\bcontrast\b"#, #"\btemperature"#, #"\bochre"#,
  ]
  static let layoutWords = [
    #"\bcrop"#, #"\bframe"#, #"\bmargin"#, #"\bviewpoint"#, #"\bfocal point"#, #"\bsymmetric"#, #"\barrange"#, #"\bdiagonal"#, #"\bclose-up"#,
    #"\bnegative space"#, #"\blayout"#, #"\btop-down"#, #"\bbreathing room"#,
  ]

  static func mentions(_ text: String, _ words: [String]) -> Bool {
    words.contains { text.range(of: $0, options: [.regularExpression, .caseInsensitive]) != nil }
  }

  @Test func everyEntryIsClassified() {
    let all = ["low", "medium", "high"].flatMap { DeltaCatalog.deltas(strength: $0) }
    #expect(Set(all.map(\.id)) == Set(DeltaClassificationTests.expected.keys))
    #expect(all.count == DeltaClassificationTests.expected.count)
    for delta in all {
      #expect(DeltaCatalog.aspect(of: delta) == DeltaClassificationTests.expected[delta.id], "\(delta.id)")
      // The text agrees with the class: colour words only in palette deltas, layout words only in composition ones.
      #expect(DeltaClassificationTests.mentions(delta.text, DeltaClassificationTests.colourWords) == (delta.aspect == .palette), "\(delta.id): \(delta.text)")
      #expect(
        DeltaClassificationTests.mentions(delta.text, DeltaClassificationTests.layoutWords) == (delta.aspect == .composition), "\(delta.id): \(delta.text)")
    }
  }

  @Test(arguments: ["low", "medium", "high"])
  func aPaletteLockedBatchNeverGetsAColourDelta(strength: String) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("base.png", bytes: pngHeader(width: 64, height: 64))
    for locks in [["--lock-palette", "--no-lock-composition"], ["--lock-palette", "--lock-composition"]] {
      let result = await runCLI(
        [
          "variants", "--prompt", "A crab poster, flat vector", "--count", "40", "--out-dir", "gen", "--prefix", "p\(locks.count)\(locks[1].count)",
          "--dry-run",
                           "--baseline-image", "base.png", "--confirm-external-upload", "--variation-strength", strength] + locks, in: folder.path)
      #expect(result.code == 0, "\(result.err)")
      let jobs = try ManifestDocument.decode(Array(result.out.utf8), name: "stdout").manifest.jobs
      #expect(jobs.count == 40)
      for job in jobs {
        #expect(DeltaClassificationTests.expected[job.deltaID] != .palette, "\(job.deltaID)")
        #expect(!DeltaClassificationTests.mentions(job.delta, DeltaClassificationTests.colourWords), "\(job.deltaID)")
        if locks[1] == "--lock-composition" { #expect(!DeltaClassificationTests.mentions(job.delta, DeltaClassificationTests.layoutWords), "\(job.deltaID)") }
      }
    }
  }

  @Test func aManifestRecordedWithTheFirstCatalogContinuesWithIt() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try LegacyManifests.install(in: folder)
    let path = "manifests/examples/crab-iteration-manifest.json"
    let result = await runCLI(LegacyManifests.with(LegacyManifests.crabIteration, "--start-index", "4"), in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    let manifest = try ManifestDocument.decode(try folder.read(path), name: path).manifest
    #expect(manifest.spec.deltaCatalog == DeltaCatalog.version1)
    // The sequence that manifest started: version 1 walks its own list, so index 4 is the one it always was.
    #expect(
      manifest.jobs.map(\.deltaID) == [
        "low.line-lighter", "low.line-heavier", "low.corners-softer", "low.warm-key-light", "low.paper-grain", "low.simplify-secondary",
      ])
    // A new manifest with the same command uses the current catalog.
    let fresh = await runCLI(LegacyManifests.with(LegacyManifests.with(LegacyManifests.crabIteration, "--out-dir", "fresh"), "--count", "6"), in: folder.path)
    #expect(fresh.code == 0, "\(fresh.err)")
    let current = try ManifestDocument.decode(try folder.read("fresh/crab-iteration-manifest.json"), name: "fresh").manifest
    #expect(current.spec.deltaCatalog == DeltaCatalog.version)
    #expect(!current.jobs.contains { $0.deltaID == "low.warm-key-light" })
  }
}
