import Foundation
import RepriseCodecs
import RepriseTestSupport
import Testing

/// PNG decoding against ImageMagick: images it writes (plasma fractals and gradients from fixed
/// seeds, odd and even sizes) in every colour type and bit depth, palettes with tRNS, interlaced,
/// each filter type and compression level 0 (stored blocks), images larger than the inflate window;
/// the decode must equal ImageMagick's pixels exactly: the 16-bit samples (exact scaling of lower depths) and the 8-bit RGBA (for
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
    let ihdr: [Int]
    let alpha: Bool
    var description: String { name }
    /// The file has 16-bit samples.
    var sixteenBit: Bool { ihdr[0] == 16 }
  }

  static let cases: [Case] = {
    var cases: [Case] = []
    let sizes = [(97, 61), (1, 1), (8, 8), (33, 7), (5, 130), (64, 64), (255, 3)]
    let few = [(97, 61), (3, 5), (40, 17)]
    /// `ihdr`: the bit depth, colour type and interlace method ImageMagick must have written.
    func add(_ name: String, _ ihdr: [Int], _ options: [String], alpha: Bool = false, sizes chosen: [(Int, Int)] = few) {
      for (w, h) in chosen {
        cases.append(Case(name: "\(name) \(w)x\(h)", width: w, height: h, seed: cases.count + 1, options: options, ihdr: ihdr, alpha: alpha))
      }
    }
    let grey = ["-colorspace", "Gray"]
    func png(_ depth: Int, _ type: Int) -> [String] { ["-define", "png:bit-depth=\(depth)", "-define", "png:color-type=\(type)", "PNG:"] }
    // A black square, then black made transparent: tRNS for grey and RGB images.
    let blackTransparent = ["-fill", "black", "-draw", "rectangle 0,0 2,2", "-transparent", "black"]
    add("RGB 8", [8, 2, 0], ["PNG24:"], sizes: sizes)
    add("RGBA 8", [8, 6, 0], ["PNG32:"], alpha: true, sizes: sizes)
    add("RGB 16", [16, 2, 0], ["PNG48:"])
    add("RGBA 16", [16, 6, 0], ["PNG64:"], alpha: true)
    add("palette 8 with tRNS", [8, 3, 0], ["PNG8:"], alpha: true)
    for depth in [1, 2, 4] {
      add("palette \(depth)", [depth, 3, 0], ["-colors", "\(1 << depth)", "+dither", "-define", "png:bit-depth=\(depth)", "PNG8:"])
    }
    for depth in [1, 2, 4, 8, 16] { add("grey \(depth)", [depth, 0, 0], grey + ["-depth", "\(depth)"] + png(depth, 0)) }
    add("grey 8 with tRNS", [8, 0, 0], grey + ["-depth", "8"] + blackTransparent + png(8, 0))
    add("grey 16 with tRNS", [16, 0, 0], grey + ["-depth", "16"] + blackTransparent + png(16, 0))
    add("RGB 16 with tRNS", [16, 2, 0], ["-depth", "16"] + blackTransparent + png(16, 2))
    add("grey+alpha 8", [8, 4, 0], grey + png(8, 4), alpha: true)
    add("grey+alpha 16", [16, 4, 0], grey + ["-depth", "16"] + png(16, 4), alpha: true)
    add("interlaced RGB", [8, 2, 1], ["-interlace", "PNG", "PNG24:"], sizes: sizes)
    add("interlaced RGBA 16", [16, 6, 1], ["-interlace", "PNG", "PNG64:"], alpha: true)
    add("interlaced palette 2", [2, 3, 1], ["-interlace", "PNG", "-colors", "4", "+dither", "-define", "png:bit-depth=2", "PNG8:"])
    add("interlaced grey 1", [1, 0, 1], ["-interlace", "PNG"] + grey + ["-depth", "1"] + png(1, 0), sizes: sizes)
    add("interlaced grey+alpha 8", [8, 4, 1], ["-interlace", "PNG"] + grey + png(8, 4), alpha: true)
    for filter in 0...4 { add("filter \(filter)", [8, 6, 0], ["-quality", "9\(filter)", "PNG32:"], alpha: true, sizes: [(61, 29)]) }
    add("stored blocks", [8, 2, 0], ["-define", "png:compression-level=0", "PNG24:"], sizes: [(120, 90), (300, 300)])
    // 8-bit RGB is unfiltered straight into RGBA, four, two and one pixel at a time: widths on either
    // side of where those steps change (1 to 9 pixels), 1-row and 1-column images, with ImageMagick's
    // adaptive filters (`-quality 90`; ImageMagick 6.9 writes filter 0 for `-quality 91` to `94`, so
    // each filter type by itself is `PNGDecoderTests.undoesEachFilterThroughEveryRowPath`'s) and with none.
    let narrow = [(1, 1), (1, 9), (2, 3), (3, 2), (5, 4), (6, 3), (7, 5), (8, 1), (9, 6), (61, 29)]
    add("RGB 8 narrow, adaptive filters", [8, 2, 0], ["-quality", "90", "PNG24:"], sizes: narrow)
    add("RGB 8 narrow, no filter", [8, 2, 0], ["-quality", "91", "PNG24:"], sizes: narrow)
    add("RGB 8 with tRNS", [8, 2, 0], ["-depth", "8"] + blackTransparent + png(8, 2), sizes: [(9, 6), (61, 29)])
    // Larger than the inflate window (about 160 KiB of scanlines) and written in many IDAT chunks:
    // scanlines arrive window by window, rows split across windows and chunks.
    let large = [(1100, 170)]
    add("RGB 8 through several windows", [8, 2, 0], ["-quality", "95", "PNG24:"], sizes: large)
    add("RGB 8 stored blocks through several windows", [8, 2, 0], ["-define", "png:compression-level=0", "PNG24:"], sizes: large)
    add("RGBA 8 through several windows", [8, 6, 0], ["-quality", "95", "PNG32:"], alpha: true, sizes: large)
    add("RGB 16 through several windows", [16, 2, 0], ["-quality", "95", "PNG48:"], sizes: [(700, 130)])
    add("palette 8 through several windows", [8, 3, 0], ["PNG8:"], alpha: true, sizes: [(1500, 150)])
    add("grey 16 through several windows", [16, 0, 0], grey + ["-depth", "16"] + png(16, 0), sizes: [(1500, 90)])
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
    try #require(bytes.count > 33)
    let written = [Int(bytes[24]), Int(bytes[25]), Int(bytes[28])]
    #expect(written == c.ihdr, "ImageMagick wrote bit depth, colour type, interlace \(written)")
    let expected16 = try magick.rgba16("image.png", in: folder.path)
    // ImageMagick 6.9's `-depth 8` truncates 16-bit samples (v * 255 / 65535); the decoder rounds, so
    // a 16-bit file's 8-bit expectation is the rounding rule applied to ImageMagick's 16-bit samples.
    let expected = c.sixteenBit ? expected16.map { UInt8((Int($0) * 255 + 32767) / 65535) } : try magick.rgba8("image.png", in: folder.path)
    if c.name.contains("tRNS") { #expect(stride(from: 3, to: expected.count, by: 4).contains { expected[$0] == 0 }, "no transparent pixel") }
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
