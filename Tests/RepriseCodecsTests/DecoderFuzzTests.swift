import Foundation
import RepriseCodecs
import RepriseTestSupport
import Testing

/// Fuzzing of the image decoders (PNG, JPEG, lossless WebP), in the pattern of RepriseKitTests' `FuzzTests`: seeded
/// mutations (`Mutator`) of small valid files (the `fuzz-*` fixtures and a few built here), half of
/// the PNGs with their CRCs fixed afterwards so the mutations reach inflate and the filters, plus
/// header fields set to interesting sizes. The property: `ImageDecoder.decode` returns quickly
/// (slow budget), never crashes or hangs (watchdog), and either gives an image whose buffer fits
/// its size and the limits or throws an `ImageDecodeError` whose message is one line naming the format;
/// a PNG that decodes gives the same pixels through the 8-bit and the 16-bit paths.
///
/// CI runs `ciCount` inputs per target; `bench/fuzz.sh` runs more (`pngDecoder`, `jpegDecoder`, `webpDecoder`).
/// Limits are lowered to 4 Mpixels so an input declaring a large image stays quick to refuse.
@Suite(.serialized) struct DecoderFuzzTests {
  /// Inputs per target in CI.
  static let ciCount = 3_000
  /// The fixed default seed.
  static let seed: UInt64 = 0x7265_7072_6973_6502
  /// The limits inputs are decoded with.
  static let limits = DecodeLimits(maxWidth: 4_096, maxHeight: 4_096, maxPixels: 1 << 22, maxDecompressedBytes: 64 << 20)

  static func configuration() -> FuzzConfiguration {
    FuzzConfiguration(count: ciCount, seed: seed, environment: ProcessInfo.processInfo.environment)
  }

  /// Prints the report and fails on any failure.
  static func check(_ report: FuzzReport) {
    print(report.details)
    if !report.passed { Issue.record(Comment(rawValue: report.details)) }
  }

  /// Decodes `bytes` and checks the property; returns whether an image came out.
  /// The message must name the format the first bytes say (a mutated PNG can start like a JPEG).
  static func decodeChecked(_ bytes: [UInt8]) throws -> Bool {
    let format = ImageDecoder.sniff(bytes) ?? "unknown"
    let image: DecodedImage
    do throws(ImageDecodeError) {
      image = try ImageDecoder.decode(bytes, limits: limits)
    } catch {
      let message = error.message
      if message.contains("\n") || !message.hasPrefix(format + ": ") {
        throw FuzzViolation("error message not one line naming the format: \(message)")
      }
      return false
    }
    guard image.width >= 1, image.height >= 1, image.width * image.height <= limits.maxPixels, image.rgba.count == image.width * image.height * 4 else {
      throw FuzzViolation("decoded \(image.width)x\(image.height) with \(image.rgba.count) bytes")
    }
    return true
  }

  /// `bytes` with a big-endian 16- or 32-bit field at `offset` set to an interesting value.
  static func settingField(_ bytes: [UInt8], at offset: Int, width: Int, _ rng: inout SplitMix64) -> [UInt8] {
    var out = bytes
    let values: [UInt64] = [0, 1, 2, 7, 8, 9, 255, 256, 4_095, 4_096, 4_097, 16_385, 65_535, 0x7FFF_FFFF, 0xFFFF_FFFF]
    let value = rng.pick(values)
    for k in 0..<width where offset + k < out.count { out[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(width - 1 - k))) }
    return out
  }

  /// A well-formed PNG of a random colour type, bit depth, small size and interlacing, with random
  /// scanline bytes (filter bytes mostly valid), palette and tRNS: these reach the filters and
  /// every row writer, where byte mutations mostly stop at the checksums.
  static func randomPNG(_ rng: inout SplitMix64) -> [UInt8] {
    let kinds = [(0, 1), (0, 2), (0, 4), (0, 8), (0, 16), (2, 8), (2, 16), (3, 1), (3, 2), (3, 4), (3, 8), (4, 8), (4, 16), (6, 8), (6, 16)]
    let (colorType, depth) = rng.pick(kinds)
    let width = rng.inRange(1...19)
    let height = rng.inRange(1...19)
    let interlace = rng.chance(30) ? 1 : 0
    let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType]!
    let rowBytes = { (pixels: Int) in (pixels * channels * depth + 7) / 8 }
    var rows: [Int] = []
    if interlace == 1 {
      for (x0, y0, dx, dy) in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)] {
        let (w, h) = ((width - x0 + dx - 1) / dx, (height - y0 + dy - 1) / dy)
        if w > 0 && h > 0 { rows += [Int](repeating: rowBytes(w), count: h) }
      }
    } else {
      rows = [Int](repeating: rowBytes(width), count: height)
    }
    var scanlines: [UInt8] = []
    for length in rows {
      scanlines.append(UInt8(rng.chance(97) ? rng.below(5) : rng.below(256)))
      for _ in 0..<length { scanlines.append(UInt8(truncatingIfNeeded: rng.next())) }
    }
    if rng.chance(5), !scanlines.isEmpty { scanlines.removeLast(rng.inRange(1...scanlines.count)) }
    var before: [[UInt8]] = []
    if colorType == 3 || rng.chance(10) {
      let entries = rng.inRange(1...256)
      before.append(PNGEncoder.chunk(type: "PLTE", data: (0..<(3 * entries)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
    }
    if rng.chance(30) {
      let length = colorType == 0 ? 2 : (colorType == 2 ? 6 : rng.inRange(0...40))
      before.append(PNGEncoder.chunk(type: "tRNS", data: (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next() & 0x03) }))
    }
    return DecoderFixtures.png(width: width, height: height, depth: depth, colorType: colorType, interlace: interlace, before: before, scanlines: scanlines)
  }

  @Test func pngDecoder() async throws {
    var corpus = try DecoderFixtures.all(prefix: "fuzz-", suffix: ".png")
    let gradient: [UInt8] = (0..<(7 * 5 * 6)).map { UInt8(truncatingIfNeeded: $0 &* 29) }
    let paeth = (0..<5).flatMap { [UInt8(4)] + gradient[($0 * 42)..<($0 * 42 + 42)] }
    corpus.append(DecoderFixtures.png(width: 7, height: 5, depth: 16, colorType: 2, scanlines: paeth))
    corpus.append(DecoderFixtures.png(width: 9, height: 9, depth: 2, colorType: 0, interlace: 1, scanlines: [UInt8](repeating: 1, count: 60)))
    let mutator = Mutator(corpus: corpus, dictionary: FuzzDictionary.png, maxLength: 1 << 16)
    var images = 0
    let report = await FuzzRunner(configuration: Self.configuration()).run(
      target: "png-decoder",
      make: { rng, i in
        if i < corpus.count { return corpus[i] }
        switch rng.below(10) {
        case 0..<3: return mutator.next(&rng)
        case 3..<6: return DecoderFixtures.fixingCRCs(mutator.next(&rng))
        case 6..<8: return Self.randomPNG(&rng)
        default:
          // IHDR width, height or bit depth / colour type set to an edge value, CRCs fixed.
          let base = rng.pick(corpus)
          let field = rng.pick([(16, 4), (20, 4), (24, 1), (25, 1), (28, 1)])
          return DecoderFixtures.fixingCRCs(Self.settingField(base, at: field.0, width: field.1, &rng))
        }
      },
      bytes: { $0 }
    ) { bytes in
      guard try Self.decodeChecked(bytes) else { return }
      images += 1
      // Differential: the 16-bit path (separate buffers, every depth) rounded to 8 bits must give
      // the 8-bit path's pixels (which, for non-interlaced files up to 8 bits, decodes in place).
      let eight = try PNGDecoder.decode(bytes, limits: Self.limits).rgba
      let sixteen = try PNGDecoder.decodeSixteenBit(bytes, limits: Self.limits).rgba
      if sixteen.map({ UInt8((Int($0) * 255 + 32767) / 65535) }) != eight { throw FuzzViolation("8-bit and 16-bit decodes differ") }
    }
    print("fuzz png-decoder: \(images) inputs decoded to an image")
    #expect(images >= corpus.count)
    Self.check(report)
  }

  @Test func webpDecoder() async throws {
    let corpus = try DecoderFixtures.all(prefix: "fuzz-", suffix: ".webp")
    let mutator = Mutator(corpus: corpus, dictionary: [Array("VP8L".utf8), Array("VP8X".utf8), [0x2F], [0xFF, 0xFF, 0xFF, 0xFF]], maxLength: 1 << 16)
    var images = 0
    let report = await FuzzRunner(configuration: Self.configuration()).run(
      target: "webp-decoder",
      make: { rng, i in i < corpus.count ? corpus[i] : mutator.next(&rng) },
      bytes: { $0 }
    ) { bytes in
      if try Self.decodeChecked(bytes) { images += 1 }
    }
    print("fuzz webp-decoder: \(images) inputs decoded to an image")
    #expect(images >= corpus.count)
    Self.check(report)
  }

  @Test func jpegDecoder() async throws {
    var corpus = try DecoderFixtures.all(prefix: "fuzz-", suffix: ".jpg")
    corpus += try ["restart-baseline-420.jpg", "restart-progressive-422.jpg", "rgb-adobe.jpg"].map { try DecoderFixtures.bytes($0) }
    let markers: [[UInt8]] = [
      [0xFF, 0xD8], [0xFF, 0xD9], [0xFF, 0xDA], [0xFF, 0xC4], [0xFF, 0xDB], [0xFF, 0xDD, 0, 4, 0, 1], [0xFF, 0xD0], [0xFF, 0x00], [0xFF, 0xFF],
    ]
    let mutator = Mutator(corpus: corpus, dictionary: markers, maxLength: 1 << 16)
    var images = 0
    let report = await FuzzRunner(configuration: Self.configuration()).run(
      target: "jpeg-decoder",
      make: { rng, i in
        if i < corpus.count { return corpus[i] }
        if rng.chance(85) { return mutator.next(&rng) }
        // A frame header's size or sampling factors, or a scan header's spectral fields, set to an edge value.
        let base = rng.pick(corpus)
        let headers = (0..<(base.count - 1)).filter { base[$0] == 0xFF && [0xC0, 0xC2, 0xDA].contains(base[$0 + 1]) }
        guard let at = headers.isEmpty ? nil : rng.pick(headers) else { return mutator.next(&rng) }
        return Self.settingField(base, at: at + 5 + rng.below(8), width: rng.chance(50) ? 1 : 2, &rng)
      },
      bytes: { $0 }
    ) { bytes in
      if try Self.decodeChecked(bytes) { images += 1 }
    }
    print("fuzz jpeg-decoder: \(images) inputs decoded to an image")
    #expect(images >= corpus.count)
    Self.check(report)
  }
}
