import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseCodecs

/// `ImageDecoder.decode` sniffs the format by its first bytes and says what it refuses.
struct ImageDecoderTests {
  @Test func sniffsPNGAndJPEG() throws {
    let png = try DecoderFixtures.bytes("fuzz-rgb8.png")
    #expect(ImageDecoder.sniff(png) == "png")
    #expect(try ImageDecoder.decode(png) == PNGDecoder.decode(png))
    let jpeg = try DecoderFixtures.bytes("fuzz-grey.jpg")
    #expect(ImageDecoder.sniff(jpeg) == "jpeg")
    #expect(try ImageDecoder.decode(jpeg).width == 21)
  }

  @Test func refusesLossyWebPAndUnknownFormatsPlainly() throws {
    func webp(_ kind: String) -> [UInt8] {
      Array("RIFF".utf8) + [30, 0, 0, 0] + Array("WEBP".utf8) + Array(kind.utf8) + [10, 0, 0, 0] + [UInt8](repeating: 0, count: 10)
    }
    #expect(throws: ImageDecodeError.unsupported(format: "webp", reason: "lossy VP8 is not decoded")) { try ImageDecoder.decode(webp("VP8 ")) }
    #expect(throws: ImageDecodeError.malformed(format: "webp", reason: "VP8L signature byte is not 0x2f")) { try ImageDecoder.decode(webp("VP8L")) }
    #expect(throws: ImageDecodeError.malformed(format: "webp", reason: "no VP8 or VP8L image chunk")) { try ImageDecoder.decode(webp("VP8X")) }
    #expect(throws: ImageDecodeError.unsupported(format: "unknown", reason: "not a PNG, JPEG or WebP file")) { try ImageDecoder.decode(Array("GIF89a".utf8)) }
    #expect(throws: ImageDecodeError.unsupported(format: "unknown", reason: "not a PNG, JPEG or WebP file")) { try ImageDecoder.decode([]) }
    let lossy = try DecoderFixtures.bytes("lossy.webp")
    #expect(throws: ImageDecodeError.unsupported(format: "webp", reason: "lossy VP8 is not decoded")) { try ImageDecoder.decode(lossy) }
    #expect(ImageDecodeError.unsupported(format: "webp", reason: "lossy VP8 is not decoded").message == "webp: lossy VP8 is not decoded")
  }
}
