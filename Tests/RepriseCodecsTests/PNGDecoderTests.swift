import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseCodecs

/// `PNGDecoder` on files built here: tRNS on 8-bit RGB (which ImageMagick does not write), each
/// filter type, and broken files, each refused with the reason a user reads.
struct PNGDecoderTests {
  /// 3x2 RGB pixels, rows filtered with filter type `filter` (computed here from the spec).
  static func filtered(_ pixels: [UInt8], width: Int, bpp: Int, filter: UInt8) -> [UInt8] {
    let row = width * bpp
    let height = pixels.count / row
    var out: [UInt8] = []
    for y in 0..<height {
      out.append(filter)
      for i in 0..<row {
        let x = Int(pixels[y * row + i])
        let a = i >= bpp ? Int(pixels[y * row + i - bpp]) : 0
        let b = y > 0 ? Int(pixels[(y - 1) * row + i]) : 0
        let c = i >= bpp && y > 0 ? Int(pixels[(y - 1) * row + i - bpp]) : 0
        let predictor: Int
        switch filter {
        case 1: predictor = a
        case 2: predictor = b
        case 3: predictor = (a + b) / 2
        case 4:
          let p = a + b - c
          let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
          predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
        default: predictor = 0
        }
        out.append(UInt8(truncatingIfNeeded: x - predictor))
      }
    }
    return out
  }

  static let pixels: [UInt8] = (0..<(5 * 4 * 3)).map { (i: Int) -> UInt8 in UInt8(truncatingIfNeeded: i * 37 + (i / 7) * 11) }

  static func rgba(_ rgb: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    for p in 0..<(rgb.count / 3) { out += [rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2], 255] }
    return out
  }

  @Test(arguments: [0, 1, 2, 3, 4] as [UInt8]) func undoesEachFilter(_ filter: UInt8) throws {
    let png = DecoderFixtures.png(width: 5, height: 4, depth: 8, colorType: 2, scanlines: Self.filtered(Self.pixels, width: 5, bpp: 3, filter: filter))
    let image = try PNGDecoder.decode(png)
    #expect(image == DecodedImage(width: 5, height: 4, rgba: Self.rgba(Self.pixels)))
  }

  /// Colour types and depths whose rows take different unfilter paths: 8-bit RGB straight into
  /// RGBA (4, 2 or 1 pixels a step), 4 to 8 bytes a pixel in vector lanes, 1 and 2 bytes byte-wise.
  static let layouts: [(colorType: Int, depth: Int, bpp: Int)] = [(2, 8, 3), (6, 8, 4), (4, 16, 4), (2, 16, 6), (6, 16, 8), (0, 8, 1), (4, 8, 2)]

  /// The RGBA a row of samples means, 16-bit samples rounded by the division the README states.
  static func expectedRGBA(_ samples: [UInt8], colorType: Int, depth: Int) -> [UInt8] {
    let values: [Int] = depth == 16
      ? stride(from: 0, to: samples.count, by: 2).map { ((Int(samples[$0]) << 8 | Int(samples[$0 + 1])) * 255 + 32767) / 65535 }
      : samples.map { Int($0) }
    let channels = [0: 1, 2: 3, 4: 2, 6: 4][colorType]!
    var out: [UInt8] = []
    for p in stride(from: 0, to: values.count, by: channels) {
      let v = values[p..<(p + channels)].map { UInt8($0) }
      switch colorType {
      case 0: out += [v[0], v[0], v[0], 255]
      case 2: out += [v[0], v[1], v[2], 255]
      case 4: out += [v[0], v[0], v[0], v[1]]
      default: out += v
      }
    }
    return out
  }

  /// Each filter type, and all five mixed row by row, through every unfilter path, at widths on
  /// either side of where the paths' steps change, 1-row and 1-column images included, the data
  /// in three IDAT chunks: the decode equals the pixels the rows were filtered from (filters
  /// computed here from the spec, `filtered`).
  @Test func undoesEachFilterThroughEveryRowPath() throws {
    var rng = SplitMix64(seed: 11)
    for layout in Self.layouts {
      for width in [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 64] {
        for height in [1, 3] {
          let pixels = (0..<(width * height * layout.bpp)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
          let byFilter = (0...4).map { Self.filtered(pixels, width: width, bpp: layout.bpp, filter: UInt8($0)) }
          let rowBytes = width * layout.bpp + 1
          var mixed: [UInt8] = []
          for y in 0..<height {
            let filter: Int = (y + width) % 5
            mixed += byFilter[filter][(y * rowBytes)..<((y + 1) * rowBytes)]
          }
          let cases: [(String, [UInt8])] = (0...4).map { ("\($0)", byFilter[$0]) } + [("mixed", mixed)]
          for (name, scanlines) in cases {
            let png = DecoderFixtures.png(
              width: width, height: height, depth: layout.depth, colorType: layout.colorType, scanlines: scanlines, idatParts: 3)
            let image = try PNGDecoder.decode(png)
            let expected = Self.expectedRGBA(pixels, colorType: layout.colorType, depth: layout.depth)
            #expect(image.rgba == expected, "colour type \(layout.colorType), depth \(layout.depth), \(width)x\(height), filter \(name)")
          }
        }
      }
    }
  }

  @Test func appliesTRNSToEightBitRGB() throws {
    var pixels = Self.pixels
    pixels[3..<6] = [1, 2, 3]
    let trns = PNGEncoder.chunk(type: "tRNS", data: [0, 1, 0, 2, 0, 3] as [UInt8])
    let png = DecoderFixtures.png(width: 5, height: 4, depth: 8, colorType: 2, before: [trns], scanlines: Self.filtered(pixels, width: 5, bpp: 3, filter: 0))
    var expected = Self.rgba(pixels)
    expected[7] = 0
    #expect(try PNGDecoder.decode(png).rgba == expected)
  }

  static let valid = DecoderFixtures.png(
    width: 5, height: 4, depth: 8, colorType: 2, scanlines: filtered(pixels, width: 5, bpp: 3, filter: 4), idatParts: 3)

  @Test func refusesABadCRCNamingTheChunk() throws {
    var png = Self.valid
    let idats = DecoderFixtures.chunkOffsets(png).filter { $0.type == "IDAT" }
    try #require(idats.count == 3)
    png[idats[2].offset + 8] ^= 0x40
    #expect(throws: ImageDecodeError.malformed(format: "png", reason: "CRC mismatch in IDAT chunk 3")) { try PNGDecoder.decode(png) }
    #expect(ImageDecodeError.malformed(format: "png", reason: "CRC mismatch in IDAT chunk 3").message == "png: CRC mismatch in IDAT chunk 3")
  }

  @Test func refusesABadAdler32() throws {
    var png = Self.valid
    let last = DecoderFixtures.chunkOffsets(png).filter { $0.type == "IDAT" }.last!
    let length = Int(png[last.offset + 3])
    png[last.offset + 8 + length - 1] ^= 1
    png = DecoderFixtures.fixingCRCs(png)
    #expect(throws: ImageDecodeError.malformed(format: "png", reason: "image data: Adler-32 mismatch (the image data is corrupt)")) {
      try PNGDecoder.decode(png)
    }
  }

  @Test func refusesTruncatedFiles() throws {
    for cut in [0, 7, 20, 33, Self.valid.count / 2, Self.valid.count - 1] {
      #expect(throws: ImageDecodeError.self) { try PNGDecoder.decode(Array(Self.valid.prefix(cut))) }
    }
    #expect(throws: ImageDecodeError.malformed(format: "png", reason: "file ends before the IEND chunk (truncated?)")) {
      try PNGDecoder.decode(Array(Self.valid.dropLast(12)))
    }
  }

  @Test func refusesHugeDeclaredSizesWithoutAllocating() throws {
    // 16384 x 16384 RGBA would be 1 GiB of pixels; the file is a few dozen bytes.
    let huge = DecoderFixtures.png(width: 16_384, height: 16_384, depth: 8, colorType: 6, scanlines: [0, 0, 0, 0, 0])
    #expect(throws: ImageDecodeError.tooLarge(format: "png", reason: "16384x16384 is 268435456 pixels, over the 40000000 limit")) {
      try PNGDecoder.decode(huge)
    }
    let wide = DecoderFixtures.png(width: 100_000, height: 1, depth: 8, colorType: 0, scanlines: [0])
    #expect(throws: ImageDecodeError.tooLarge(format: "png", reason: "100000x1 is over the 16384x16384 limit")) { try PNGDecoder.decode(wide) }
    let small = DecodeLimits(maxDecompressedBytes: 50)
    #expect(throws: ImageDecodeError.tooLarge(format: "png", reason: "the 5x4 image data would take 64 bytes, over the 50-byte limit")) {
      try PNGDecoder.decode(Self.valid, limits: small)
    }
  }

  @Test func refusesMoreOrLessDataThanTheHeaderSays() throws {
    let scanlines = Self.filtered(Self.pixels, width: 5, bpp: 3, filter: 0)
    let taller = DecoderFixtures.png(width: 5, height: 3, depth: 8, colorType: 2, scanlines: scanlines)
    #expect(throws: ImageDecodeError.malformed(format: "png", reason: "more image data than 5x3 needs")) { try PNGDecoder.decode(taller) }
    let shorter = DecoderFixtures.png(width: 5, height: 5, depth: 8, colorType: 2, scanlines: scanlines)
    #expect(throws: ImageDecodeError.malformed(format: "png", reason: "image data ends after 64 of 80 bytes")) { try PNGDecoder.decode(shorter) }
  }

  @Test func refusesBadHeadersFiltersAndChunks() throws {
    var scanlines = Self.filtered(Self.pixels, width: 5, bpp: 3, filter: 0)
    scanlines[16 * 2] = 7
    let badFilter = DecoderFixtures.png(width: 5, height: 4, depth: 8, colorType: 2, scanlines: scanlines)
    #expect(throws: ImageDecodeError.malformed(format: "png", reason: "unknown filter type 7 on row 3")) { try PNGDecoder.decode(badFilter) }
    let badDepth = DecoderFixtures.png(width: 5, height: 4, depth: 4, colorType: 2, scanlines: [0])
    #expect(throws: ImageDecodeError.malformed(format: "png", reason: "bit depth 4 is invalid for colour type 2")) { try PNGDecoder.decode(badDepth) }
    let critical = PNGEncoder.chunk(type: "ABCD", data: [UInt8]())
    let unknown = DecoderFixtures.png(width: 5, height: 4, depth: 8, colorType: 2, before: [critical], scanlines: [0])
    #expect(throws: ImageDecodeError.unsupported(format: "png", reason: "unknown critical chunk ABCD")) { try PNGDecoder.decode(unknown) }
    let noPalette = DecoderFixtures.png(width: 1, height: 1, depth: 8, colorType: 3, scanlines: [0, 0])
    #expect(throws: ImageDecodeError.malformed(format: "png", reason: "palette image without a PLTE chunk")) { try PNGDecoder.decode(noPalette) }
    #expect(throws: ImageDecodeError.malformed(format: "png", reason: "no PNG signature")) { try PNGDecoder.decode(Array("GIF89a".utf8)) }
  }

  @Test func sixteenBitSamplesRoundToEightBits() throws {
    // One 16-bit grey pixel per value; 8-bit output is (v * 255 + 32767) / 65535.
    let values = [0, 128, 129, 32_767, 32_768, 65_406, 65_407, 65_535]
    let scanlines: [UInt8] = values.flatMap { (v: Int) -> [UInt8] in [0, UInt8(v >> 8), UInt8(v & 0xFF)] }
    let png = DecoderFixtures.png(width: 1, height: values.count, depth: 16, colorType: 0, scanlines: scanlines)
    let image = try PNGDecoder.decode(png)
    #expect((0..<values.count).map { image.rgba[4 * $0] } == [0, 0, 1, 127, 128, 254, 255, 255])
    #expect(try PNGDecoder.decodeSixteenBit(png).rgba.enumerated().filter { $0.offset % 4 == 0 }.map { Int($0.element) } == values)
  }
}
