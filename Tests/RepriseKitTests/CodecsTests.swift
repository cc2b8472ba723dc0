import Testing
@testable import RepriseKit

@Suite struct ImageInfoTests {
  @Test func pngHeaderGivesSize() {
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
    png += [0, 0, 5, 0, 0, 0, 2, 208]  // 1280 x 720
    let info = ImageInfo.sniff(png)
    #expect(info == ImageInfo(format: .png, width: 1280, height: 720))
  }

  @Test func jpegStartOfFrameGivesSize() {
    let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20, 0x03, 0, 0, 0, 0]
    #expect(ImageInfo.sniff(jpeg) == ImageInfo(format: .jpeg, width: 32, height: 16))
  }

  @Test func webpAndGifAreRecognised() {
    var webp = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
    webp += [99, 0, 0, 49, 0, 0] + [0, 0, 0, 0]  // 100 x 50
    #expect(ImageInfo.sniff(webp) == ImageInfo(format: .webp, width: 100, height: 50))
    let gif = Array("GIF89a".utf8) + [3, 0, 2, 0]
    #expect(ImageInfo.sniff(gif) == ImageInfo(format: .gif, width: 3, height: 2))
  }

  @Test func textIsNotAnImage() {
    #expect(ImageInfo.sniff(Array("hello, world".utf8)) == nil)
    #expect(ImageInfo.sniff([]) == nil)
  }
}
