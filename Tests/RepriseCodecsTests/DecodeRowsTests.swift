import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseCodecs

/// `ImageDecoder.decodeRows` hands over exactly the pixels `decode` returns, row by row and in
/// order, through every PNG row path (including images far larger than the inflate window) and the
/// whole-image fallbacks (interlaced PNG, JPEG, WebP); it fails where `decode` fails, with the same
/// error.
@Suite struct DecodeRowsTests {
  /// The concatenated rows and the size `begin` said, or the error.
  static func rows(_ bytes: [UInt8]) -> Result<(Int, Int, [UInt8]), ImageDecodeError> {
    var size = (0, 0)
    var pixels: [UInt8] = []
    var next = 0
    do throws(ImageDecodeError) {
      try ImageDecoder.decodeRows(bytes, begin: { size = ($0, $1) }) { y, row in
        precondition(y == next, "row \(y) out of order (expected \(next))")
        next += 1
        pixels.append(contentsOf: UnsafeBufferPointer(start: row, count: size.0 * 4))
      }
    } catch {
      return .failure(error)
    }
    return .success((size.0, size.1, pixels))
  }

  static func expectSame(_ bytes: [UInt8], _ label: String) {
    let whole: Result<DecodedImage, ImageDecodeError>
    do throws(ImageDecodeError) { whole = .success(try ImageDecoder.decode(bytes)) } catch { whole = .failure(error) }
    switch (whole, rows(bytes)) {
    case (.success(let image), .success(let (w, h, pixels))):
      #expect(w == image.width && h == image.height, "\(label): size")
      #expect(pixels == image.rgba, "\(label): pixels")
    case (.failure(let a), .failure(let b)):
      #expect(a == b, "\(label): errors")
    case (let a, let b):
      Issue.record("\(label): decode \(a), rows \(b)")
    }
  }

  @Test func everyRowPathGivesTheWholeDecodesPixels() {
    var rng = SplitMix64(seed: 23)
    for layout in PNGDecoderTests.layouts {
      // Small sizes, and one image whose data is several inflate windows long.
      for (width, height) in [(1, 1), (5, 3), (13, 2), (64, 3), (301, 707)] {
        let pixels = (0..<(width * height * layout.bpp)).map { _ in UInt8(truncatingIfNeeded: rng.next() & 0x3F) }
        let rowBytes = width * layout.bpp + 1
        let byFilter = (0...4).map { PNGDecoderTests.filtered(pixels, width: width, bpp: layout.bpp, filter: UInt8($0)) }
        var mixed: [UInt8] = []
        for y in 0..<height { mixed += byFilter[(y + width) % 5][(y * rowBytes)..<((y + 1) * rowBytes)] }
        let png = DecoderFixtures.png(width: width, height: height, depth: layout.depth, colorType: layout.colorType, scanlines: mixed, idatParts: 3)
        Self.expectSame(png, "colour type \(layout.colorType), depth \(layout.depth), \(width)x\(height)")
      }
    }
  }

  @Test func fixturesAndBrokenFilesAgreeWithTheWholeDecode() throws {
    for name in try FileManager.default.contentsOfDirectory(atPath: DecoderFixtures.folder).sorted()
    where [".png", ".jpg", ".webp"].contains(where: name.hasSuffix) {
      Self.expectSame(try DecoderFixtures.bytes(name), name)
    }
    // Broken: truncated data, a bad filter type, a CRC mismatch.
    let valid = PNGDecoderTests.valid
    Self.expectSame(Array(valid.prefix(valid.count - 20)), "truncated")
    var badCRC = valid
    badCRC[badCRC.count - 13] ^= 0x01
    Self.expectSame(badCRC, "bad CRC")
    let badFilter = DecoderFixtures.png(width: 2, height: 2, depth: 8, colorType: 2, scanlines: [0, 1, 2, 3, 4, 5, 6, 9, 1, 2, 3, 4, 5, 6])
    Self.expectSame(badFilter, "filter 9")
  }
}
