/// Reads an image's header in full and refuses what no decoder would accept: a truncated file, a
/// garbled or impossible header, zero or outsized dimensions. Used for baselines, which are
/// uploaded as they are, so a broken one would fail every job at the provider instead.
package enum ImageHeaderValidator {
  /// The largest width or height accepted, in pixels: above what the image models take
  /// (their inputs are downscaled to a few thousand pixels) with room for print-size sources,
  /// and far below the sizes (up to 2^31 - 1 in PNG) a damaged header can claim.
  package static let maxSide = 16_384

  /// Why a header is refused, as a phrase that follows the file's name.
  package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// E.g. `is not a valid PNG: the IHDR chunk's CRC does not match`.
    package let reason: String
    package var description: String { reason }
  }

  /// The format and pixel size of a complete, plausible header.
  /// - Throws: `Failure` saying what is wrong.
  package static func validate(_ bytes: [UInt8], format: ImageFormat) throws(Failure) -> ImageInfo {
    let size: (width: Int, height: Int)
    switch format {
    case .png: size = try png(bytes)
    case .jpeg: size = try jpeg(bytes)
    case .webp: size = try webp(bytes)
    default: throw Failure(reason: "is not a PNG, JPEG or WebP image")
    }
    guard size.width > 0, size.height > 0 else {
      throw Failure(reason: "says it is \(size.width)x\(size.height) px: an image needs at least 1 px a side")
    }
    guard size.width <= maxSide, size.height <= maxSide else {
      throw Failure(reason: "says it is \(size.width)x\(size.height) px: at most \(maxSide) px a side are accepted")
    }
    return ImageInfo(format: format, width: size.width, height: size.height)
  }

  private static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
  private static func be32(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
  private static func le32(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24 }

  /// Signature, a complete 13-byte IHDR with a valid CRC and a legal bit depth / colour type, and
  /// a chunk list that reaches IEND (so a cut-off file is caught too).
  static func png(_ b: [UInt8]) throws(Failure) -> (width: Int, height: Int) {
    func bad(_ why: String) -> Failure { Failure(reason: "is not a valid PNG: \(why)") }
    guard b.count >= 8, Array(b[0..<8]) == PNGChunks.signature else { throw bad("the signature is wrong") }
    guard b.count >= 33 else { throw bad("the file ends inside the IHDR header (\(b.count) bytes)") }
    guard Array(b[12..<16]) == Array("IHDR".utf8) else { throw bad("the first chunk is not IHDR") }
    guard be32(b, 8) == 13 else { throw bad("the IHDR chunk is \(be32(b, 8)) bytes long, not 13") }
    guard CRC32.checksum(b[12..<29]) == UInt32(be32(b, 29)) else { throw bad("the IHDR chunk's CRC does not match (damaged header)") }
    let depth = Int(b[24]), colour = Int(b[25])
    let depths: [Int: Set<Int>] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
    guard let allowed = depths[colour] else { throw bad("colour type \(colour) does not exist (accepted 0, 2, 3, 4, 6)") }
    guard allowed.contains(depth) else { throw bad("bit depth \(depth) is not allowed with colour type \(colour)") }
    guard b[26] == 0, b[27] == 0, b[28] <= 1 else { throw bad("unknown compression, filter or interlace method") }
    do {
      let chunks = try PNGChunks.read(b)
      guard chunks.contains(where: { $0.type == "IDAT" }) else { throw bad("it holds no image data (no IDAT chunk)") }
    } catch let failure as PNGChunks.Failure {
      throw bad("\(failure.reason) (truncated or damaged file)")
    } catch {
      throw bad("damaged chunk list")
    }
    return (be32(b, 16), be32(b, 20))
  }

  /// A start-of-frame segment (SOF0-SOF15 but DHT, JPG, DAC) read whole, before the scan starts.
  static func jpeg(_ b: [UInt8]) throws(Failure) -> (width: Int, height: Int) {
    func bad(_ why: String) -> Failure { Failure(reason: "is not a valid JPEG: \(why)") }
    guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { throw bad("it does not start with a start-of-image marker") }
    var i = 2
    while i < b.count {
      guard b[i] == 0xFF else { throw bad("a segment marker is missing at byte \(i)") }
      guard i + 1 < b.count else { break }
      let marker = b[i + 1]
      if marker == 0xFF { i += 1; continue }
      if marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
      if marker == 0xD9 || marker == 0xDA { throw bad("no frame header (SOFn) before the image data") }
      guard i + 4 <= b.count else { break }
      let length = be16(b, i + 2)
      guard length >= 2 else { throw bad("a segment at byte \(i) has length \(length)") }
      guard i + 2 + length <= b.count else { break }
      let isFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
      if isFrame {
        guard length >= 8 else { throw bad("the frame header is \(length) bytes long") }
        let components = Int(b[i + 9])
        guard [8, 12, 16].contains(Int(b[i + 4])), (1...4).contains(components), length == 8 + 3 * components else {
          throw bad("the frame header is garbled (precision \(b[i + 4]), \(components) components)")
        }
        return (be16(b, i + 7), be16(b, i + 5))
      }
      i += 2 + length
    }
    throw bad("the file ends before a frame header (SOFn) (truncated file)")
  }

  /// A RIFF container whose size fits the file, holding a VP8, VP8L or VP8X chunk with a valid
  /// header.
  static func webp(_ b: [UInt8]) throws(Failure) -> (width: Int, height: Int) {
    func bad(_ why: String) -> Failure { Failure(reason: "is not a valid WebP: \(why)") }
    guard b.count >= 20, Array(b[0..<4]) == Array("RIFF".utf8), Array(b[8..<12]) == Array("WEBP".utf8) else { throw bad("the RIFF/WEBP header is incomplete") }
    let riffSize = le32(b, 4)
    guard riffSize >= 12, riffSize + 8 <= b.count else { throw bad("the RIFF size says \(riffSize + 8) bytes but the file has \(b.count) (truncated file)") }
    let tag = String(decoding: b[12..<16], as: UTF8.self)
    let chunkSize = le32(b, 16)
    guard chunkSize + 20 <= riffSize + 8 else { throw bad("the \(tag) chunk runs past the end of the file (truncated file)") }
    switch tag {
    case "VP8 ":
      guard chunkSize >= 10, b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A, b[20] & 1 == 0 else {
        throw bad("the VP8 frame header is missing or not a key frame")
      }
      return (Int(b[26]) | Int(b[27] & 0x3F) << 8, Int(b[28]) | Int(b[29] & 0x3F) << 8)
    case "VP8L":
      guard chunkSize >= 5, b[20] == 0x2F else { throw bad("the VP8L signature byte is missing") }
      let bits = Int(b[21]) | Int(b[22]) << 8 | Int(b[23]) << 16 | Int(b[24]) << 24
      guard bits >> 29 == 0 else { throw bad("unknown VP8L version \(bits >> 29)") }
      return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    case "VP8X":
      guard chunkSize >= 10, b.count >= 30 else { throw bad("the VP8X header is incomplete") }
      let width = (Int(b[24]) | Int(b[25]) << 8 | Int(b[26]) << 16) + 1
      let height = (Int(b[27]) | Int(b[28]) << 8 | Int(b[29]) << 16) + 1
      return (width, height)
    default:
      throw bad("the first chunk is '\(tag)', not VP8, VP8L or VP8X")
    }
  }
}
