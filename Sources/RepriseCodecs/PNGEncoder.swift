/// Writes PNG files (8 bits per channel, no interlace) with no dependencies.
///
/// ```swift
/// // 2x1 image: one red and one blue pixel.
/// let png = PNGEncoder.encode(width: 2, height: 1, pixelFormat: .rgb, pixels: [255, 0, 0, 0, 0, 255])
/// ```
///
/// Rows are filtered with type 0 ("None") for the first row and type 2 ("Up") after it, then compressed
/// with ``ZlibEncoder``. Callers that can produce filtered scanlines directly (a filter byte then the row's
/// bytes, for every row) use ``encode(width:height:pixelFormat:filteredScanlines:strategy:)`` and skip a copy.
package enum PNGEncoder {
  /// The 8-byte PNG file signature.
  package static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// Layout of one pixel, 8 bits per channel.
  package enum PixelFormat: Sendable {
    /// One grey byte (PNG colour type 0).
    case grayscale
    /// Red, green, blue (PNG colour type 2).
    case rgb
    /// Red, green, blue, alpha (PNG colour type 6).
    case rgba

    /// Bytes per pixel.
    package var bytesPerPixel: Int {
      switch self {
      case .grayscale: return 1
      case .rgb: return 3
      case .rgba: return 4
      }
    }

    var colorType: UInt8 {
      switch self {
      case .grayscale: return 0
      case .rgb: return 2
      case .rgba: return 6
      }
    }
  }

  /// A PNG from unfiltered pixel rows (`width * height * bytesPerPixel` bytes, top row first).
  package static func encode(
    width: Int, height: Int, pixelFormat: PixelFormat = .rgb, pixels: [UInt8],
    strategy: DeflateEncoder.Strategy = .fixedHuffman
  ) -> [UInt8] {
    let rowLength = width * pixelFormat.bytesPerPixel
    precondition(pixels.count == rowLength * height, "pixels must hold width * height * bytesPerPixel bytes")
    var scanlines = [UInt8](repeating: 0, count: (rowLength + 1) * height)
    pixels.withUnsafeBufferPointer { source in
      scanlines.withUnsafeMutableBufferPointer { target in
        for row in 0..<height {
          let out = row * (rowLength + 1)
          let current = row * rowLength
          if row == 0 {
            target[out] = 0
            for x in 0..<rowLength { target[out + 1 + x] = source[current + x] }
          } else {
            target[out] = 2
            let previous = current - rowLength
            for x in 0..<rowLength { target[out + 1 + x] = source[current + x] &- source[previous + x] }
          }
        }
      }
    }
    return encode(width: width, height: height, pixelFormat: pixelFormat, filteredScanlines: scanlines, strategy: strategy)
  }

  /// A PNG from already filtered scanlines: for each row, one filter-type byte then the row's bytes.
  package static func encode(
    width: Int, height: Int, pixelFormat: PixelFormat = .rgb, filteredScanlines: [UInt8],
    strategy: DeflateEncoder.Strategy = .fixedHuffman
  ) -> [UInt8] {
    precondition(width > 0 && height > 0, "PNG dimensions must be positive")
    precondition(filteredScanlines.count == (width * pixelFormat.bytesPerPixel + 1) * height, "one filter byte plus one row per line")
    var header = [UInt8]()
    header.append(contentsOf: bigEndian(UInt32(width)))
    header.append(contentsOf: bigEndian(UInt32(height)))
    header.append(contentsOf: [8, pixelFormat.colorType, 0, 0, 0])  // depth, colour type, deflate, adaptive filters, no interlace

    let compressed = ZlibEncoder.encode(filteredScanlines, strategy: strategy)
    var png = signature
    png.reserveCapacity(compressed.count + 64 + compressed.count / maxIDATLength * 12)
    png.append(contentsOf: chunk(type: "IHDR", data: header))
    var offset = 0
    repeat {
      let end = min(offset + maxIDATLength, compressed.count)
      png.append(contentsOf: chunk(type: "IDAT", data: compressed[offset..<end]))
      offset = end
    } while offset < compressed.count
    png.append(contentsOf: chunk(type: "IEND", data: []))
    return png
  }

  /// IDAT payloads are split at this size, as common encoders do; the PNG limit is 2^31 - 1.
  package static let maxIDATLength = 1 << 20

  /// One PNG chunk: big-endian length, the 4-letter type, the data and the CRC-32 of type plus data.
  package static func chunk<C: Collection>(type: String, data: C) -> [UInt8] where C.Element == UInt8 {
    let typeBytes = Array(type.utf8)
    precondition(typeBytes.count == 4, "a PNG chunk type has four ASCII letters")
    var out = bigEndian(UInt32(data.count))
    out.reserveCapacity(data.count + 12)
    out.append(contentsOf: typeBytes)
    out.append(contentsOf: data)
    var crc = CRC32()
    crc.update(typeBytes)
    crc.update(data)
    out.append(contentsOf: bigEndian(crc.value))
    return out
  }

  private static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
  }
}
