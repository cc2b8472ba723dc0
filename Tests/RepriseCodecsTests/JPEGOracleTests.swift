import Foundation
import RepriseCodecs
import RepriseTestSupport
import Testing

/// JPEG decoding against ImageMagick (libjpeg-turbo inside): images it writes from plasma fractals
/// of many sizes (odd ones included), qualities 50 to 95, 4:4:4, 4:2:2, 4:2:0, 4:4:0 and 4:1:1
/// sampling, progressive, greyscale; the decode must be within a
/// PSNR of 40 dB of ImageMagick's pixels (in practice they are identical: same IDCT, upsampling and
/// colour conversion as libjpeg). Each case prints its PSNR. Restart markers, RGB JPEGs and refused
/// kinds are in `JPEGDecoderTests` (fixtures made by cjpeg, which ImageMagick cannot make).
@Suite(.enabled(if: ImageMagick.found != nil, Comment(rawValue: ImageMagick.absentReason)))
struct JPEGOracleTests {
  /// One generated JPEG.
  struct Case: Sendable, CustomStringConvertible {
    let name: String
    let width: Int
    let height: Int
    let seed: Int
    let options: [String]
    var description: String { name }
  }

  static let cases: [Case] = {
    var cases: [Case] = []
    let sizes = [(97, 61), (1, 1), (8, 8), (17, 33), (250, 7), (64, 48), (161, 121)]
    func add(_ name: String, _ options: [String], sizes chosen: [(Int, Int)] = sizes) {
      for (w, h) in chosen { cases.append(Case(name: "\(name) \(w)x\(h)", width: w, height: h, seed: cases.count + 1, options: options)) }
    }
    let few = [(97, 61), (33, 17), (200, 150)]
    for sampling in ["4:4:4", "4:2:2", "4:2:0"] {
      add("baseline \(sampling) q85", ["-sampling-factor", sampling, "-quality", "85"])
      add("progressive \(sampling) q75", ["-sampling-factor", sampling, "-quality", "75", "-interlace", "JPEG"], sizes: few)
    }
    for quality in [50, 60, 70, 80, 90, 95] { add("baseline 4:2:0 q\(quality)", ["-sampling-factor", "4:2:0", "-quality", "\(quality)"], sizes: [(129, 65)]) }
    add("sampling 1x2", ["-sampling-factor", "1x2", "-quality", "80"], sizes: few)
    add("sampling 4:1:1", ["-sampling-factor", "4x1", "-quality", "80"], sizes: few)
    add("progressive q95 4:2:0", ["-sampling-factor", "2x2", "-quality", "95", "-interlace", "JPEG"], sizes: [(255, 129)])
    add("greyscale", ["-colorspace", "Gray", "-quality", "85"], sizes: few)
    add("progressive greyscale", ["-colorspace", "Gray", "-quality", "85", "-interlace", "JPEG"], sizes: few)
    return cases
  }()

  /// PSNR in dB of two equal-length RGBA buffers over the RGB channels (infinity when equal).
  static func psnr(_ a: [UInt8], _ b: [UInt8]) -> Double {
    var sum = 0.0
    var n = 0
    for i in 0..<min(a.count, b.count) where i % 4 != 3 {
      let d = Double(a[i]) - Double(b[i])
      sum += d * d
      n += 1
    }
    if sum == 0 { return .infinity }
    return 10 * log10(255 * 255 / (sum / Double(n)))
  }

  @Test(arguments: cases) func withinPSNRofImageMagick(_ c: Case) throws {
    let magick = try #require(ImageMagick.found)
    let folder = try TemporaryFolder("reprise-jpeg-oracle")
    defer { folder.remove() }
    try magick.run(["-seed", "\(c.seed)", "-size", "\(c.width)x\(c.height)", "plasma:fractal"] + c.options + ["image.jpg"], in: folder.path)
    let bytes = try folder.read("image.jpg")
    let expected = try magick.rgba8("image.jpg", in: folder.path)
    let image = try JPEGDecoder.decode(bytes)
    #expect(image.width == c.width && image.height == c.height)
    try #require(image.rgba.count == expected.count)
    let value = Self.psnr(image.rgba, expected)
    print("jpeg oracle: \(c.name): PSNR \(value.isInfinite ? "inf (identical)" : String(format: "%.1f dB", value))")
    #expect(value >= 40, "\(c.name): PSNR \(value) dB below 40")
  }
}
