import Foundation
import RepriseCodecs
import RepriseTestSupport
import Testing

/// Lossless WebP (VP8L) decoding against ImageMagick (libwebp inside): plasma fractals with and
/// without alpha, few-colour images (the colour-indexing transform, packed indices), several
/// sizes and encoder methods; the decode must equal ImageMagick's pixels exactly.
@Suite(.enabled(if: ImageMagick.found != nil && ImageMagick.writesWebP, Comment(rawValue: ImageMagick.absentReason + " (with WebP)")))
struct WebPOracleTests {
  struct Case: Sendable, CustomStringConvertible {
    let name: String
    let width: Int
    let height: Int
    let options: [String]
    let alpha: Bool
    var description: String { name }
  }

  static let cases: [Case] = {
    var cases: [Case] = []
    for (w, h) in [(97, 61), (1, 1), (16, 16), (33, 7), (130, 90)] {
      for method in [0, 4, 6] {
        cases.append(Case(name: "RGB \(w)x\(h) method \(method)", width: w, height: h, options: ["-define", "webp:method=\(method)"], alpha: false))
      }
      cases.append(Case(name: "RGBA \(w)x\(h)", width: w, height: h, options: [], alpha: true))
      for colors in [2, 4, 16, 200] {
        cases.append(Case(name: "\(colors) colours \(w)x\(h)", width: w, height: h, options: ["-colors", "\(colors)", "+dither"], alpha: false))
      }
    }
    return cases
  }()

  @Test(arguments: cases) func matchesImageMagick(_ c: Case) throws {
    let magick = try #require(ImageMagick.found)
    let folder = try TemporaryFolder("reprise-webp-oracle")
    defer { folder.remove() }
    var arguments = ["-seed", "\(c.width * 31 + c.height)", "-size", "\(c.width)x\(c.height)", "plasma:fractal"]
    if c.alpha {
      arguments += ["(", "-size", "\(c.width)x\(c.height)", "gradient:white-black", ")", "-alpha", "off", "-compose", "CopyOpacity", "-composite"]
    }
    arguments += c.options + ["-define", "webp:lossless=true", "image.webp"]
    try magick.run(arguments, in: folder.path)
    let bytes = try folder.read("image.webp")
    let expected = try magick.rgba8("image.webp", in: folder.path)
    let image = try ImageDecoder.decode(bytes)
    #expect(image.width == c.width && image.height == c.height)
    if let index = image.rgba.indices.first(where: { $0 < expected.count && image.rgba[$0] != expected[$0] }) {
      Issue.record("\(c.name): first difference at pixel \(index / 4) channel \(index % 4): \(image.rgba[index]) vs ImageMagick \(expected[index])")
    }
    #expect(image.rgba.count == expected.count)
  }
}
