import Foundation
import RepriseCodecs
import RepriseTestSupport

/// The committed fixture files (Tests/RepriseCodecsTests/Fixtures, see its README) and small
/// PNG builders for files no tool writes on purpose (broken ones, tRNS on 8-bit RGB).
enum DecoderFixtures {
  static let folder = ProcessRunner.packageRoot + "/Tests/RepriseCodecsTests/Fixtures"

  /// The bytes of fixture `name`.
  static func bytes(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
  }

  /// Fixtures whose names start with `prefix` and end with `suffix`, sorted by name.
  static func all(prefix: String, suffix: String) throws -> [[UInt8]] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted().map { try bytes($0) }
  }

  /// The RGB pixels of a binary PPM (P6, maxval 255) as RGBA with alpha 255.
  static func ppmRGBA(_ bytes: [UInt8]) -> (width: Int, height: Int, rgba: [UInt8])? {
    var fields: [Int] = []
    var i = 2
    while fields.count < 3, i < bytes.count {
      while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
      var value = 0
      while i < bytes.count, (0x30...0x39).contains(bytes[i]) {
        value = value * 10 + Int(bytes[i] - 0x30)
        i += 1
      }
      fields.append(value)
    }
    i += 1
    guard bytes.starts(with: Array("P6".utf8)), fields.count == 3, fields[2] == 255 else { return nil }
    let (w, h) = (fields[0], fields[1])
    guard bytes.count - i >= w * h * 3 else { return nil }
    var rgba = [UInt8](repeating: 255, count: w * h * 4)
    for p in 0..<(w * h) { for c in 0..<3 { rgba[4 * p + c] = bytes[i + 3 * p + c] } }
    return (w, h, rgba)
  }

  /// A PNG with the given IHDR fields, extra chunks before IDAT, and scanlines (filter bytes
  /// included) split over `idatParts` IDAT chunks.
  static func png(
    width: Int, height: Int, depth: Int, colorType: Int, interlace: Int = 0, before: [[UInt8]] = [], scanlines: [UInt8], idatParts: Int = 1
  ) -> [UInt8] {
    func be(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    out += PNGEncoder.chunk(type: "IHDR", data: be(width) + be(height) + [UInt8(depth), UInt8(colorType), 0, 0, UInt8(interlace)])
    for chunk in before { out += chunk }
    let z = ZlibEncoder.encode(scanlines)
    let part = (z.count + idatParts - 1) / idatParts
    for start in stride(from: 0, to: z.count, by: part) { out += PNGEncoder.chunk(type: "IDAT", data: z[start..<min(start + part, z.count)]) }
    out += PNGEncoder.chunk(type: "IEND", data: [UInt8]())
    return out
  }

  /// Where each chunk of a PNG starts (its length field), with its type.
  static func chunkOffsets(_ png: [UInt8]) -> [(offset: Int, type: String)] {
    var result: [(Int, String)] = []
    var p = 8
    while p + 12 <= png.count {
      let length = Int(png[p]) << 24 | Int(png[p + 1]) << 16 | Int(png[p + 2]) << 8 | Int(png[p + 3])
      result.append((p, String(decoding: png[(p + 4)..<(p + 8)], as: UTF8.self)))
      p += 12 + length
    }
    return result
  }

  /// `png` with every chunk's CRC recomputed (after edits to chunk data).
  static func fixingCRCs(_ png: [UInt8]) -> [UInt8] {
    var bytes = png
    var p = 8
    while p + 12 <= bytes.count {
      let length = Int(bytes[p]) << 24 | Int(bytes[p + 1]) << 16 | Int(bytes[p + 2]) << 8 | Int(bytes[p + 3])
      guard length >= 0, p + 12 + length <= bytes.count else { break }
      let crc = CRC32.checksum(bytes[(p + 4)..<(p + 8 + length)])
      for k in 0..<4 { bytes[p + 8 + length + k] = UInt8(crc >> (24 - 8 * UInt32(k)) & 0xFF) }
      p += 12 + length
    }
    return bytes
  }
}
