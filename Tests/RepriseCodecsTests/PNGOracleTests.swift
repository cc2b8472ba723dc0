import Foundation
import RepriseCodecs
import RepriseTestSupport
import Testing

/// PNG decoding against ImageMagick: images it writes (plasma fractals and gradients from fixed
/// seeds, odd and even sizes) in every colour type and bit depth, palettes with tRNS, interlaced,
/// each filter type and compression level 0 (stored blocks); the decode must equal ImageMagick's
/// pixels exactly: the 16-bit samples (exact scaling of lower depths) and the 8-bit RGBA (for
/// 16-bit files, `(v * 255 + 32767) / 65535` of ImageMagick's 16-bit samples: its own `-depth 8`
/// truncates instead).
@Suite(.enabled(if: ImageMagick.found != nil, Comment(rawValue: ImageMagick.absentReason)))
struct PNGOracleTests {
  /// One generated image: the ImageMagick arguments that make it (after the source image).
  struct Case: Sendable, CustomStringConvertible {
    let name: String
    let width: Int
    let height: Int
    let seed: Int
    let options: [String]
    let alpha: Bool
    var description: String { name }
    /// The file has 16-bit samples.
    var sixteenBit: Bool { name.contains("16") && !name.contains("x16") }
  }

  static let cases: [Case] = {
    var cases: [Case] = []
    let sizes = [(97, 61), (1, 1), (8, 8), (33, 7), (5, 130), (64, 64), (255, 3)]
    func add(_ name: String, _ options: [String], alpha: Bool = false, sizes chosen: [(Int, Int)] = sizes) {
      for (w, h) in chosen {
        cases.append(Case(name: "\(name) \(w)x\(h)", width: w, height: h, seed: cases.count + 1, options: options, alpha: alpha))
      }
    }
    let few = [(97, 61), (3, 5), (40, 17)]
    add("RGB 8", ["PNG24:"])
    add("RGBA 8", ["PNG32:"], alpha: true)
    add("RGB 16", ["PNG48:"], sizes: few)
    add("RGBA 16", ["PNG64:"], alpha: true, sizes: few)
    add("palette 8 with tRNS", ["PNG8:"], alpha: true, sizes: few)
    for depth in [1, 2, 4] {
      add("palette \(depth)", ["-colors", "\(1 << depth)", "-define", "png:bit-depth=\(depth)", "-define", "png:color-type=3", "PNG:"], sizes: few)
    }
    for depth in [1, 2, 4, 8, 16] {
      add("grey \(depth)", ["-colorspace", "Gray", "-depth", "\(depth)", "-define", "png:bit-depth=\(depth)", "-define", "png:color-type=0", "PNG:"], sizes: few)
    }
    add("grey+alpha 8", ["-colorspace", "Gray", "-define", "png:color-type=4", "-define", "png:bit-depth=8", "PNG:"], alpha: true, sizes: few)
    add("grey+alpha 16", ["-colorspace", "Gray", "-depth", "16", "-define", "png:color-type=4", "-define", "png:bit-depth=16", "PNG:"], alpha: true, sizes: few)
    add("interlaced RGB", ["-interlace", "PNG", "PNG24:"], sizes: sizes)
    add("interlaced RGBA 16", ["-interlace", "PNG", "PNG64:"], alpha: true, sizes: few)
    add("interlaced palette 2", ["-interlace", "PNG", "-colors", "4", "-define", "png:bit-depth=2", "-define", "png:color-type=3", "PNG:"], sizes: few)
    add("interlaced grey 1", ["-interlace", "PNG", "-colorspace", "Gray", "-depth", "1", "-define", "png:bit-depth=1", "-define", "png:color-type=0", "PNG:"], sizes: few)
    for filter in 0...4 { add("filter \(filter)", ["-quality", "9\(filter)", "PNG32:"], alpha: true, sizes: [(61, 29)]) }
    add("stored blocks", ["-quality", "0", "PNG24:"], sizes: [(120, 90)])
    add("fixed Huffman", ["-define", "png:compression-strategy=4", "PNG24:"], sizes: [(50, 20)])
    return cases
  }()

  @Test(arguments: cases) func matchesImageMagick(_ c: Case) throws {
    let magick = try #require(ImageMagick.found)
    let folder = try TemporaryFolder("reprise-png-oracle")
    defer { folder.remove() }
    let format = c.options.last!
    var arguments = ["-seed", "\(c.seed)", "-size", "\(c.width)x\(c.height)", "plasma:fractal"]
    if c.alpha {
      arguments += ["(", "-size", "\(c.width)x\(c.height)", "gradient:white-black", ")", "-alpha", "off", "-compose", "CopyOpacity", "-composite"]
    }
    arguments += c.options.dropLast() + [format + "image.png"]
    try magick.run(arguments, in: folder.path)
    let bytes = try folder.read("image.png")
    let expected16 = try magick.rgba16("image.png", in: folder.path)
    // ImageMagick 6.9's `-depth 8` truncates 16-bit samples (v * 255 / 65535); the decoder rounds, so
    // a 16-bit file's 8-bit expectation is the rounding rule applied to ImageMagick's 16-bit samples.
    let expected = c.sixteenBit ? expected16.map { UInt8((Int($0) * 255 + 32767) / 65535) } : try magick.rgba8("image.png", in: folder.path)
    let image = try PNGDecoder.decode(bytes)
    #expect(image.width == c.width && image.height == c.height)
    #expect(image.rgba.count == expected.count)
    if let index = image.rgba.indices.first(where: { $0 < expected.count && image.rgba[$0] != expected[$0] }) {
      Issue.record("\(c.name): first difference at pixel \(index / 4) channel \(index % 4): \(image.rgba[index]) vs ImageMagick \(expected[index])")
    }
    let sixteen = try PNGDecoder.decodeSixteenBit(bytes)
    if let index = sixteen.rgba.indices.first(where: { $0 < expected16.count && sixteen.rgba[$0] != expected16[$0] }) {
      Issue.record("\(c.name): 16-bit difference at pixel \(index / 4) channel \(index % 4): \(sixteen.rgba[index]) vs \(expected16[index])")
    }
    #expect(sixteen.rgba.count == expected16.count)
  }
}
