import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseCodecs

/// `JPEGDecoder` on files cjpeg wrote (restart intervals in baseline and progressive files, an RGB
/// file with Adobe transform 0) against djpeg's decode of the same file, and on refused kinds:
/// arithmetic coding, CMYK, broken markers and data.
struct JPEGDecoderTests {
  @Test(arguments: ["restart-baseline-420", "restart-progressive-422", "restart-rows-444", "rgb-adobe"])
  func matchesDjpeg(_ name: String) throws {
    let image = try JPEGDecoder.decode(DecoderFixtures.bytes(name + ".jpg"))
    let expected = try #require(DecoderFixtures.ppmRGBA(DecoderFixtures.bytes(name + ".ppm")))
    #expect(image.width == expected.width && image.height == expected.height)
    let value = JPEGOracleTests.psnr(image.rgba, expected.rgba)
    print("jpeg fixture \(name): PSNR against djpeg \(value.isInfinite ? "inf (identical)" : String(format: "%.1f dB", value))")
    #expect(value >= 40)
  }

  @Test func restartMarkersArePresentInTheFixtures() throws {
    for name in ["restart-baseline-420", "restart-progressive-422", "restart-rows-444"] {
      let bytes = try DecoderFixtures.bytes(name + ".jpg")
      let restarts = (0..<(bytes.count - 1)).filter { bytes[$0] == 0xFF && (0xD0...0xD7).contains(bytes[$0 + 1]) }
      #expect(restarts.count >= 2, "\(name) has \(restarts.count) RSTn markers")
    }
  }

  @Test func refusesArithmeticCodingAndCMYK() throws {
    let arithmetic = try DecoderFixtures.bytes("arithmetic.jpg")
    #expect(throws: ImageDecodeError.unsupported(format: "jpeg", reason: "arithmetic coding")) { try JPEGDecoder.decode(arithmetic) }
    let cmyk = try DecoderFixtures.bytes("cmyk.jpg")
    #expect(throws: ImageDecodeError.unsupported(format: "jpeg", reason: "CMYK / 4-component images")) { try JPEGDecoder.decode(cmyk) }
  }

  @Test func refusesTruncatedData() throws {
    let bytes = try DecoderFixtures.bytes("restart-baseline-420.jpg")
    #expect(throws: ImageDecodeError.malformed(format: "jpeg", reason: "entropy-coded data ends early (truncated file?)")) {
      try JPEGDecoder.decode(Array(bytes.prefix(bytes.count * 3 / 4)))
    }
    for cut in [0, 3, 20, 200] { #expect(throws: ImageDecodeError.self) { try JPEGDecoder.decode(Array(bytes.prefix(cut))) } }
  }

  @Test func refusesAMissingRestartMarker() throws {
    var bytes = try DecoderFixtures.bytes("restart-baseline-420.jpg")
    let index = try #require((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && (0xD0...0xD7).contains(bytes[$0 + 1]) })
    bytes.removeSubrange(index..<(index + 2))
    #expect(throws: ImageDecodeError.malformed(format: "jpeg", reason: "restart marker missing after MCU 2")) { try JPEGDecoder.decode(bytes) }
  }

  @Test func refusesHugeDeclaredSizes() throws {
    var bytes = try DecoderFixtures.bytes("restart-baseline-420.jpg")
    let sof = try #require((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
    bytes[sof + 5] = 0xFF  // height 65535-ish
    bytes[sof + 6] = 0xF0
    bytes[sof + 7] = 0xFF  // width
    bytes[sof + 8] = 0xF0
    #expect(throws: ImageDecodeError.tooLarge(format: "jpeg", reason: "65520x65520 is over the 16384x16384 limit")) { try JPEGDecoder.decode(bytes) }
  }

  @Test func refusesWhatIsNotAJPEG() throws {
    #expect(throws: ImageDecodeError.malformed(format: "jpeg", reason: "no SOI marker")) { try JPEGDecoder.decode([0x89, 0x50, 0x4E, 0x47]) }
    #expect(throws: ImageDecodeError.malformed(format: "jpeg", reason: "no frame header (SOF)")) { try JPEGDecoder.decode([0xFF, 0xD8, 0xFF, 0xD9]) }
  }
}
