import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// Baselines are uploaded as they are: a header that no decoder would accept is refused before
/// anything is written (exit 2, one line naming the file and what is accepted).
@Suite struct BaselineHeaderTests {
  static func le32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
  static func le24(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF)] }

  static func jpeg(width: Int, height: Int) -> [UInt8] {
    [
      0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8),
      UInt8(width & 0xFF), 0x03,
     0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9]
  }

  static func webp(_ tag: String, _ payload: [UInt8], riffSlack: Int = 0) -> [UInt8] {
    let padded = payload + (payload.count % 2 == 1 ? [0] : [])
    let body = Array("WEBP".utf8) + Array(tag.utf8) + le32(payload.count) + padded
    return Array("RIFF".utf8) + le32(body.count + riffSlack) + body
  }

  static func vp8l(width: Int, height: Int) -> [UInt8] {
    let bits = (width - 1) | (height - 1) << 14
    return webp("VP8L", [0x2F] + le32(bits))
  }

  static func vp8x(width: Int, height: Int) -> [UInt8] { webp("VP8X", [0, 0, 0, 0] + le24(width - 1) + le24(height - 1)) }

  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let file: String
    let bytes: [UInt8]
    let message: String
    var testDescription: String { name }
  }

  static let cases: [Case] = {
    let good = pngHeader(width: 64, height: 48, padding: 20)
    var badCRC = good
    badCRC[17] ^= 0x40
    return [
      Case(
        name: "truncated PNG", file: "cut.png", bytes: Array(good.prefix(50)),
        message: "is not a valid PNG: chunk length 20 runs past the end at byte 33 (truncated or damaged file)"),
      Case(
        name: "PNG cut inside IHDR", file: "cut.png", bytes: Array(good.prefix(20)),
        message: "is not a valid PNG: the file ends inside the IHDR header (20 bytes)"),
      Case(name: "PNG 0x0", file: "zero.png", bytes: pngHeader(width: 0, height: 0), message: "says it is 0x0 px: an image needs at least 1 px a side"),
      Case(
        name: "PNG 100000x100000", file: "huge.png", bytes: pngHeader(width: 100_000, height: 100_000),
        message: "says it is 100000x100000 px: at most 16384 px a side are accepted"),
      Case(name: "PNG garbage IHDR", file: "garbage.png", bytes: badCRC, message: "is not a valid PNG: the IHDR chunk's CRC does not match (damaged header)"),
      Case(
        name: "PNG impossible bit depth", file: "depth.png", bytes: pngHeader(width: 4, height: 4, depth: 3),
        message: "is not a valid PNG: bit depth 3 is not allowed with colour type 2"),
      Case(
        name: "PNG unknown colour type", file: "colour.png", bytes: pngHeader(width: 4, height: 4, colourType: 5),
        message: "is not a valid PNG: colour type 5 does not exist (accepted 0, 2, 3, 4, 6)"),
      Case(
        name: "JPEG without a frame header", file: "noframe.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xD9],
        message: "is not a valid JPEG: no frame header (SOFn) before the image data"),
      Case(
        name: "truncated JPEG", file: "cut.jpg", bytes: Array(jpeg(width: 32, height: 16).prefix(14)),
        message: "is not a valid JPEG: the file ends before a frame header (SOFn) (truncated file)"),
      Case(name: "JPEG 0 px wide", file: "zero.jpg", bytes: jpeg(width: 0, height: 16), message: "says it is 0x16 px: an image needs at least 1 px a side"),
      Case(
        name: "JPEG 20000 px high", file: "tall.jpg", bytes: jpeg(width: 10, height: 20_000),
        message: "says it is 10x20000 px: at most 16384 px a side are accepted"),
      Case(
        name: "truncated WebP", file: "cut.webp", bytes: webp("VP8L", [0x2F, 0, 0, 0, 0], riffSlack: 100),
        message: "is not a valid WebP: the RIFF size says 126 bytes but the file has 26 (truncated file)"),
      Case(
        name: "WebP of an unknown chunk", file: "odd.webp", bytes: webp("ABCD", [1, 2, 3, 4]),
        message: "is not a valid WebP: the first chunk is 'ABCD', not VP8, VP8L or VP8X"),
      Case(
        name: "WebP VP8L without signature", file: "sig.webp", bytes: webp("VP8L", [0x00, 0, 0, 0, 0]),
        message: "is not a valid WebP: the VP8L signature byte is missing"),
      Case(
        name: "WebP 100000x100000", file: "huge.webp", bytes: vp8x(width: 100_000, height: 100_000),
        message: "says it is 100000x100000 px: at most 16384 px a side are accepted"),
    ]
  }()

  @Test(arguments: cases)
  func badHeadersAreRefused(_ c: Case) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write(c.file, bytes: c.bytes)
    let before = folder.snapshot()
    let result = await runCLI(
      ["variants", "--prompt", "A crab poster", "--count", "2", "--out-dir", "gen", "--plan-only", "--baseline-image", c.file, "--confirm-external-upload"],
      in: folder.path)
    #expect(result.code == 2)
    #expect(result.err == "error: --baseline-image '\(c.file)' \(c.message)\n")
    #expect(folder.snapshot() == before)
  }

  @Test(arguments: [
    ("ok.png", pngHeader(width: 64, height: 48, padding: 20), 64, 48),
    ("ok.jpg", jpeg(width: 32, height: 16), 32, 16),
    ("ok.webp", vp8l(width: 10, height: 20), 10, 20),
    ("wide.webp", vp8x(width: 16_384, height: 1), 16_384, 1),
  ])
  func validHeadersAreRecorded(file: String, bytes: [UInt8], width: Int, height: Int) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write(file, bytes: bytes)
    let result = await runCLI(
      ["variants", "--prompt", "A crab poster", "--count", "2", "--out-dir", "gen", "--plan-only", "--baseline-image", file, "--confirm-external-upload"],
      in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    let baseline = try #require(try ManifestDocument.decode(try folder.read("gen/image-manifest.json"), name: "m").manifest.spec.baseline)
    #expect(baseline.width == width && baseline.height == height)
  }

  @Test func theSampleBaselinePasses() throws {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: ProcessRunner.packageRoot + "/samples/crab-baseline.png")))
    #expect(try ImageHeaderValidator.validate(bytes, format: .png) == ImageInfo(format: .png, width: 96, height: 96))
  }
}
