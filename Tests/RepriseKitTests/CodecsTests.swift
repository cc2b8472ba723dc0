import Testing
@testable import RepriseKit

@Suite struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
  ])
  func standardVectors(input: String, expected: String) {
    #expect(SHA256.hash(Array(input.utf8)).hexString == expected)
  }

  @Test func millionAs() {
    #expect(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)).hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func streamingEqualsOneShot() {
    let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    var hasher = SHA256()
    for split in stride(from: 0, to: data.count, by: 37) { hasher.update(data[split..<min(split + 37, data.count)]) }
    #expect(hasher.finalize() == SHA256.hash(data))
  }
}

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
