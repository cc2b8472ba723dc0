/// What the first bytes of an image say: its real format and pixel size.
public struct ImageInfo: Sendable, Equatable {
  /// The format found from magic bytes.
  public let format: ImageFormat
  /// Pixel width, when the header holds it.
  public let width: Int?
  /// Pixel height, when the header holds it.
  public let height: Int?

  /// Info as given.
  public init(format: ImageFormat, width: Int?, height: Int?) {
    self.format = format
    self.width = width
    self.height = height
  }

  /// Sniffs `bytes`: PNG, JPEG, WebP (VP8, VP8L, VP8X) or GIF. Returns nil for anything else.
  public static func sniff(_ bytes: [UInt8]) -> ImageInfo? {
    bytes.withUnsafeBufferPointer { sniff($0) }
  }

  /// Sniffs raw bytes without copying.
  public static func sniff(_ b: UnsafeBufferPointer<UInt8>) -> ImageInfo? {
    func be16(_ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
    func le16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    func le24(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 }

    let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    if b.count >= 8, Array(b[0..<8]) == pngSignature {
      if b.count >= 24, b[12] == 0x49, b[13] == 0x48, b[14] == 0x44, b[15] == 0x52 {
        return ImageInfo(format: .png, width: be32(16), height: be32(20))
      }
      return ImageInfo(format: .png, width: nil, height: nil)
    }
    if b.count >= 3, b[0] == 0xFF, b[1] == 0xD8, b[2] == 0xFF {
      // Walk segments to the first start-of-frame marker.
      var i = 2
      while i + 9 < b.count {
        guard b[i] == 0xFF else { break }
        let marker = b[i + 1]
        if marker == 0xFF { i += 1; continue }
        if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
        let length = be16(i + 2)
        let isFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
        if isFrame { return ImageInfo(format: .jpeg, width: be16(i + 7), height: be16(i + 5)) }
        if length < 2 { break }
        i += 2 + length
      }
      return ImageInfo(format: .jpeg, width: nil, height: nil)
    }
    if b.count >= 12, b[0] == 0x52, b[1] == 0x49, b[2] == 0x46, b[3] == 0x46,
      b[8] == 0x57, b[9] == 0x45, b[10] == 0x42, b[11] == 0x50
    {
      if b.count >= 30 {
        let tag = String(decoding: UnsafeBufferPointer(rebasing: b[12..<16]), as: UTF8.self)
        switch tag {
        case "VP8 " where b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A:
          return ImageInfo(format: .webp, width: le16(26) & 0x3FFF, height: le16(28) & 0x3FFF)
        case "VP8L" where b[20] == 0x2F:
          let bits = Int(b[21]) | Int(b[22]) << 8 | Int(b[23]) << 16 | Int(b[24]) << 24
          return ImageInfo(format: .webp, width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
          return ImageInfo(format: .webp, width: le24(24) + 1, height: le24(27) + 1)
        default: break
        }
      }
      return ImageInfo(format: .webp, width: nil, height: nil)
    }
    if b.count >= 10, b[0] == 0x47, b[1] == 0x49, b[2] == 0x46, b[3] == 0x38 {
      return ImageInfo(format: .gif, width: le16(6), height: le16(8))
    }
    return nil
  }
}
