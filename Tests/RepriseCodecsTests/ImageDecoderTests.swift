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

  @Test func refusesWebPAndUnknownFormatsPlainly() {
    func webp(_ kind: String) -> [UInt8] { Array("RIFF".utf8) + [30, 0, 0, 0] + Array("WEBP".utf8) + Array(kind.utf8) + [UInt8](repeating: 0, count: 18) }
    #expect(throws: ImageDecodeError.unsupported(format: "webp", reason: "lossy VP8 is not decoded")) { try ImageDecoder.decode(webp("VP8 ")) }
    #expect(throws: ImageDecodeError.unsupported(format: "webp", reason: "lossless VP8L is not decoded")) { try ImageDecoder.decode(webp("VP8L")) }
    #expect(throws: ImageDecodeError.unsupported(format: "webp", reason: "extended WebP (VP8X) is not decoded")) { try ImageDecoder.decode(webp("VP8X")) }
    #expect(throws: ImageDecodeError.unsupported(format: "unknown", reason: "not a PNG, JPEG or WebP file")) { try ImageDecoder.decode(Array("GIF89a".utf8)) }
    #expect(throws: ImageDecodeError.unsupported(format: "unknown", reason: "not a PNG, JPEG or WebP file")) { try ImageDecoder.decode([]) }
    #expect(ImageDecodeError.unsupported(format: "webp", reason: "lossy VP8 is not decoded").message == "webp: lossy VP8 is not decoded")
  }
}
