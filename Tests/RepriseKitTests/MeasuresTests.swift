import Foundation
import RepriseCodecs
import RepriseTestSupport
import Testing

@testable import RepriseKit

/// Measures on synthetic images: palette determinism and shares, SSIM, pHash, verdict lines, the
/// record's round trip.
@Suite struct MeasuresTests {
  /// An image painted pixel by pixel.
  static func image(_ width: Int, _ height: Int, _ paint: (Int, Int) -> (UInt8, UInt8, UInt8, UInt8)) -> DecodedImage {
    var rgba: [UInt8] = []
    rgba.reserveCapacity(width * height * 4)
    for y in 0..<height {
      for x in 0..<width {
        let p = paint(x, y)
        rgba += [p.0, p.1, p.2, p.3]
      }
    }
    return DecodedImage(width: width, height: height, rgba: rgba)
  }

  /// A scene: a sky gradient, a dark square at (`left`, `top`), a red disc, light texture noise.
  static func scene(_ size: Int = 256, left: Int = 40, top: Int = 60, tint: Int = 0) -> DecodedImage {
    image(size, size) { x, y in
      let noise = ((x &* 2_654_435_761) ^ (y &* 40503)) & 7
      if x >= left, x < left + size / 3, y >= top, y < top + size / 3 { return (UInt8(30 + noise), 40, UInt8(60 + tint), 255) }
      let dx = x - size * 3 / 4
      let dy = y - size * 3 / 4
      if dx * dx + dy * dy < (size / 8) * (size / 8) { return (UInt8(200 + tint / 2), UInt8(40 + noise), 40, 255) }
      return (UInt8(120 + y / 8 + noise), UInt8(170 + y / 16), UInt8(min(255, 230 + tint)), 255)
    }
  }

  @Test func paletteIsDeterministicAndSharesSumToOne() throws {
    let a = ImageFeatures(MeasuresTests.scene())
    let b = ImageFeatures(MeasuresTests.scene())
    let first = JSONWriter.pretty(ImageMeasurer.measure(a, baseline: nil, palette: nil, locks: .none).json)
    let second = JSONWriter.pretty(ImageMeasurer.measure(b, baseline: nil, palette: nil, locks: .none).json)
    #expect(first == second)
    #expect(a.palette.count == DominantPalette.k)
    let total = a.palette.map(\.share).reduce(0, +)
    #expect(abs(total - 1) < 0.001)
    #expect(a.palette.map(\.share) == a.palette.map(\.share).sorted(by: >))
  }

  @Test func twoColourImageGivesExactlyItsColoursAndHalfShares() {
    let image = MeasuresTests.image(100, 40) { x, _ in x < 50 ? (255, 0, 0, 255) : (0, 0, 255, 255) }
    let palette = ImageFeatures(image).palette
    #expect(palette.map(\.hex).sorted() == ["#0000FF", "#FF0000"])
    #expect(palette.map(\.share) == [0.5, 0.5])
  }

  @Test func fullyTransparentPixelsAreIgnored() {
    let image = MeasuresTests.image(64, 64) { x, _ in x < 16 ? (0, 200, 0, 255) : (255, 255, 255, 0) }
    let palette = ImageFeatures(image).palette
    #expect(palette.map(\.hex) == ["#00C800"])
    #expect(palette.map(\.share) == [1])
    let empty = ImageFeatures(MeasuresTests.image(8, 8) { _, _ in (9, 9, 9, 0) })
    #expect(empty.palette.isEmpty)
  }

  @Test func ssimIsOneOnIdenticalAndLowerOnShiftedComposition() {
    let base = ImageFeatures(MeasuresTests.scene())
    #expect(base.ssim(to: ImageFeatures(MeasuresTests.scene())) == 1)
    let recoloured = base.ssim(to: ImageFeatures(MeasuresTests.scene(tint: 12)))
    let shifted = base.ssim(to: ImageFeatures(MeasuresTests.scene(left: 150, top: 10)))
    #expect(recoloured > 0.9)
    #expect(shifted < 0.8)
    #expect(shifted < recoloured)
  }

  @Test func perceptualHashSeparatesSameSimilarAndDifferent() {
    let base = ImageFeatures(MeasuresTests.scene())
    let same = ImageFeatures(MeasuresTests.scene())
    let recoloured = ImageFeatures(MeasuresTests.scene(tint: 12))
    let other = ImageFeatures(MeasuresTests.image(256, 256) { x, y in ((x / 32 + y / 32) % 2 == 0 ? (250, 250, 250, 255) : (10, 10, 10, 255)) })
    #expect(PerceptualHash.distance(base.hash, same.hash) == 0)
    #expect(PerceptualHash.distance(base.hash, recoloured.hash) <= 6)
    #expect(PerceptualHash.distance(base.hash, other.hash) >= 20)
    #expect(PerceptualHash.hex(base.hash).count == 16)
    #expect(PerceptualHash.parse(PerceptualHash.hex(base.hash)) == base.hash)
  }

  @Test func verdictLinesSayKeptOrDriftedWithNumbers() {
    let base = BaselineFeatures(sha256: "ab", result: .success(ImageFeatures(MeasuresTests.scene())))
    let locks = PlannedLocks(palette: true, composition: true)
    let kept = ImageMeasurer.measure(ImageFeatures(MeasuresTests.scene()), baseline: base, palette: nil, locks: locks)
    #expect(kept.verdictLines == ["palette: kept", "composition: kept"])
    let moved = ImageFeatures(MeasuresTests.image(256, 256) { x, y in ((x / 32 + y / 32) % 2 == 0 ? (250, 250, 0, 255) : (10, 100, 10, 255)) })
    let drifted = ImageMeasurer.measure(moved, baseline: base, palette: nil, locks: locks)
    let lines = drifted.verdictLines
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("palette: drifted (dE ") && lines[0].hasSuffix(" > 10)"), "\(lines)")
    #expect(lines[1].hasPrefix("composition: drifted (SSIM 0.") && lines[1].hasSuffix(" < 0.80)"), "\(lines)")
    let strict = ImageMeasurer.measure(
      ImageFeatures(MeasuresTests.scene(left: 48, tint: 12)), baseline: base, palette: nil, locks: locks,
      thresholds: MeasureThresholds(paletteDistance: 0.1, compositionSSIM: 0.9999))
    #expect(strict.verdict(.palette)?.state == .drifted)
    #expect(strict.verdict(.composition)?.state == .drifted)
    let none = ImageMeasurer.measure(ImageFeatures(MeasuresTests.scene()), baseline: nil, palette: nil, locks: locks)
    #expect(none.verdictLines == ["palette: not checked (no baseline measured)", "composition: not checked (no baseline measured)"])
    #expect(ImageMeasurer.measure(ImageFeatures(MeasuresTests.scene()), baseline: nil, palette: nil, locks: .none).verdictLines.isEmpty)
  }

  @Test func lineFormatsMatchTheIssue() {
    #expect(LockVerdict(lock: .palette, state: .drifted, value: 14.2, threshold: 10, against: "baseline").line == "palette: drifted (dE 14.2 > 10)")
    let composition = { (v: Double) in LockVerdict(lock: .composition, state: .drifted, value: v, threshold: 0.8, against: "baseline").line }
    #expect(composition(0.61) == "composition: drifted (SSIM 0.61 < 0.80)")
    #expect(composition(0.7996) == "composition: drifted (SSIM 0.7996 < 0.80)")
    #expect(LockVerdict(lock: .palette, state: .drifted, value: 10.04, threshold: 10, against: "palette").line == "palette: drifted (dE 10.04 > 10)")
  }

  @Test func referencePaletteDistanceIsZeroForItsOwnColoursAndChecksWithoutLock() {
    let image = MeasuresTests.image(100, 40) { x, _ in x < 50 ? (255, 0, 0, 255) : (0, 0, 255, 255) }
    let on = ImageMeasurer.measure(ImageFeatures(image), baseline: nil, palette: ["#FF0000", "#0000FF"], locks: .none)
    #expect((on.reference?.paletteDistance ?? 1) < 0.01)  // CIELAB is recorded to 2 decimals
    #expect(on.verdictLines == ["brand palette: kept"])
    let off = ImageMeasurer.measure(ImageFeatures(image), baseline: nil, palette: ["#00FF00"], locks: .none)
    #expect((off.reference?.paletteDistance ?? 0) > 10)
    #expect(off.verdict(.brandPalette)?.state == .drifted)
    #expect(off.verdict(.brandPalette)?.against == "palette")
    #expect(off.verdict(.palette) == nil)
    // With a palette lock and a baseline, the lock is held to the baseline and the brand palette judged apart.
    let base = BaselineFeatures(sha256: "ab", result: .success(ImageFeatures(image)))
    let both = ImageMeasurer.measure(ImageFeatures(image), baseline: base, palette: ["#00FF00"], locks: PlannedLocks(palette: true, composition: false))
    #expect(both.verdict(.palette)?.state == .kept && both.verdict(.palette)?.against == "baseline")
    #expect(both.verdictLines.count == 2 && both.verdictLines[1].hasPrefix("brand palette: drifted (dE "), "\(both.verdictLines)")
    let read = ImageMeasures(reading: both.json)
    #expect(read == both, "the brand palette verdict reads back")
  }

  @Test func recordRoundTripsByteForByte() throws {
    let base = BaselineFeatures(sha256: "ab", result: .success(ImageFeatures(MeasuresTests.scene())))
    let measured = ImageMeasurer.measure(
      ImageFeatures(MeasuresTests.scene(tint: 12)), baseline: base, palette: ["#123456"], locks: PlannedLocks(palette: true, composition: true))
    let text = JSONWriter.pretty(measured.json)
    let read = try #require(ImageMeasures(reading: try JSONParser().parse(text)))
    #expect(read == measured)
    #expect(JSONWriter.pretty(read.json) == text)
    let notMeasured = ImageMeasures(notMeasured: "webp: lossy VP8 is not decoded")
    #expect(JSONWriter.canonicalString(notMeasured.json) == #"{"not_measured":"webp: lossy VP8 is not decoded","schema":"reprise.measures/1"}"#)
    #expect(ImageMeasures(reading: .object(["schema": .string("other/1")])) == nil)
  }

  @Test func tinyAndOddSizedImagesMeasure() {
    for (w, h) in [(1, 1), (3, 200), (65, 63), (1000, 7)] {
      let f = ImageFeatures(MeasuresTests.image(w, h) { x, y in (UInt8(x % 256), UInt8(y % 256), 90, 255) })
      #expect(!f.palette.isEmpty)
      #expect(f.ssim(to: f) == 1)
    }
  }
}

/// The `measures` member in results, and outputs compared by measures (`rerun`, `diff`).
@Suite struct MeasuresInResultsTests {
  @Test func recordsWithoutMeasuresStillReadAndWriteNoMember() throws {
    let old = try JSONParser().parse(#"{"schema":"reprise.result/1","status":"succeeded","job_id":"a-0001-12345678","out":"/x/a-0001.png"}"#)
    let record = try #require(JobResult(reading: old))
    #expect(record.measures == nil)
    #expect(record.json["measures"] == nil)
    #expect(record.diagnostics["measures"] == nil)
    var measured = record
    measured.measures = ImageMeasurer.measure(ImageFeatures(MeasuresTests.scene()), baseline: nil, palette: nil, locks: .none)
    let again = try #require(JobResult(reading: measured.json))
    #expect(again.measures == measured.measures)
    #expect(again.diagnostics["measures"] == nil)
  }

  @Test func outputsCompareAsIdenticalNearIdenticalOrDifferent() {
    let a = ImageMeasurer.measure(ImageFeatures(MeasuresTests.scene()), baseline: nil, palette: nil, locks: .none)
    let tinted = ImageMeasurer.measure(ImageFeatures(MeasuresTests.scene(tint: 6)), baseline: nil, palette: nil, locks: .none)
    let moved = ImageMeasurer.measure(ImageFeatures(MeasuresTests.scene(left: 150, top: 10, tint: 60)), baseline: nil, palette: nil, locks: .none)
    #expect(OutputSimilarity.compare(sha256: "x", "x", measures: nil, nil).line == "identical bytes")
    let near = OutputSimilarity.compare(sha256: "x", "y", measures: a, tinted)
    #expect(near.verdict == "near-identical", "\(near.line)")
    #expect(near.line.hasPrefix("near-identical (pHash distance ") && near.line.contains("/64, dE "), "\(near.line)")
    let far = OutputSimilarity.compare(sha256: "x", "y", measures: a, moved)
    #expect(far.verdict == "different" && far.line.hasPrefix("different (pHash distance "), "\(far.line)")
    #expect(OutputSimilarity.compare(sha256: "x", "y", measures: a, ImageMeasures(notMeasured: "webp: lossy VP8 is not decoded")).line == "different")
    #expect(OutputSimilarity.compare(sha256: "x", "y", measures: a, a).line == "near-identical (pHash distance 0/64, dE 0)")
  }

  @Test func baselineCacheDecodesOnceAndNoticesAChangedFile() throws {
    let folder = try TemporaryFolder("reprise-baseline-cache")
    defer { folder.remove() }
    let png = PNGEncoder.encode(width: 8, height: 8, pixels: [UInt8](repeating: 90, count: 8 * 8 * 3))
    let path = try folder.write("base.png", bytes: png)
    let sha = SHA256.hash(png).hexString
    let cache = BaselineFeatureCache()
    let first = cache.features(path: path, sha256: sha)
    guard case .success(let features) = first.result else { Issue.record("baseline not decoded: \(first.result)"); return }
    #expect(features.palette.map(\.hex) == ["#5A5A5A"])
    try folder.write("base.png", bytes: png + [0])  // changed, but the cache already holds these digest's features
    guard case .success = cache.features(path: path, sha256: sha).result else { Issue.record("cached features not used"); return }
    let other = BaselineFeatureCache().features(path: path, sha256: sha)
    guard case .failure(let failure) = other.result else { Issue.record("a changed baseline was measured"); return }
    #expect(failure.message == "baseline changed since the job was queued")
  }
}
