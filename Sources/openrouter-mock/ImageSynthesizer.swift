import Foundation
import RepriseCodecs

/// Paints the mock's images: real PNGs whose colours come from the prompt's SHA-256 and whose layout
/// (vertical stripes and one horizontal band) comes from the seed. The same inputs always give the
/// same bytes. Rows after the first are "Up"-filtered and mostly zero, so even 4K images compress to
/// a few kilobytes. Recent results are cached.
final class ImageSynthesizer: @unchecked Sendable {
  private let lock = NSLock()
  private var cache: [String: [UInt8]] = [:]
  private var cacheOrder: [String] = []
  private var cachedBytes = 0
  private let cacheLimit = 96 * 1024 * 1024

  /// A `width`x`height` RGB PNG for the prompt `fingerprint` (at least 9 bytes) and `seed`.
  func png(width: Int, height: Int, fingerprint: [UInt8], seed: Int) -> [UInt8] {
    let key = "png-\(width)x\(height)-\(hex(fingerprint))-\(seed)"
    return cached(key) { ImageSynthesizer.paint(width: width, height: height, fingerprint: fingerprint, seed: seed) }
  }

  /// The 4x4 preview a thinking model emits before its final image.
  func preview(fingerprint: [UInt8]) -> [UInt8] {
    let colour = Array(fingerprint[0..<3]).map { $0 / 2 + 64 }
    let pixels = Array((0..<16).map { _ in colour }.joined())
    return PNGEncoder.encode(width: 4, height: 4, pixelFormat: .rgb, pixels: pixels)
  }

  /// A valid PNG of about `targetBytes`: 1024 pixels wide, pseudo-random pixels in stored deflate blocks.
  func large(targetBytes: Int, fingerprint: [UInt8]) -> [UInt8] {
    let key = "large-\(targetBytes)-\(hex(fingerprint))"
    return cached(key) {
      let width = 1024
      let stride = width * 3 + 1
      let height = max(1, (targetBytes - 200) / stride)
      var generator = SplitMix64(seed: ImageSynthesizer.seedWord(fingerprint))
      var scanlines = [UInt8](repeating: 0, count: stride * height)
      scanlines.withUnsafeMutableBytes { raw in
        var offset = 0
        while offset + 8 <= raw.count {
          raw.storeBytes(of: generator.next(), toByteOffset: offset, as: UInt64.self)
          offset += 8
        }
        for row in 0..<height { raw[row * stride] = 0 }
      }
      return PNGEncoder.encode(width: width, height: height, pixelFormat: .rgb, filteredScanlines: scanlines, strategy: .stored)
    }
  }

  private func cached(_ key: String, make: () -> [UInt8]) -> [UInt8] {
    lock.lock()
    if let hit = cache[key] {
      lock.unlock()
      return hit
    }
    lock.unlock()
    let made = make()
    lock.lock()
    defer { lock.unlock() }
    if cache[key] == nil && made.count <= cacheLimit {
      cache[key] = made
      cacheOrder.append(key)
      cachedBytes += made.count
      while cachedBytes > cacheLimit, let oldest = cacheOrder.first {
        cacheOrder.removeFirst()
        cachedBytes -= cache.removeValue(forKey: oldest)?.count ?? 0
      }
    }
    return made
  }

  private func hex(_ bytes: [UInt8]) -> String { bytes.prefix(16).map { String($0, radix: 16) }.joined(separator: ".") }

  private static func seedWord(_ fingerprint: [UInt8]) -> UInt64 {
    fingerprint.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
  }

  private static func paint(width: Int, height: Int, fingerprint: [UInt8], seed: Int) -> [UInt8] {
    let primary = Array(fingerprint[0..<3])
    var secondary = Array(fingerprint[3..<6])
    if secondary == primary { secondary = secondary.map { 255 &- $0 } }
    var accent = Array(fingerprint[6..<9])
    if accent == primary { accent = accent.map { 255 &- $0 } }

    var generator = SplitMix64(seed: UInt64(bitPattern: Int64(seed)) ^ 0x5EED_0F_1A6E)
    let stripes = 2 + Int(generator.next() % 6)
    let bandStart = max(1, height * (1 + Int(generator.next() % 5)) / 8)
    let bandEnd = min(height, bandStart + max(1, height / 8))

    let rowLength = width * 3
    var plainRow = [UInt8](repeating: 0, count: rowLength)
    var bandRow = [UInt8](repeating: 0, count: rowLength)
    for x in 0..<width {
      let evenStripe = (x * stripes / width) % 2 == 0
      let plain = evenStripe ? primary : secondary
      let band = evenStripe ? accent : secondary
      for channel in 0..<3 {
        plainRow[x * 3 + channel] = plain[channel]
        bandRow[x * 3 + channel] = band[channel]
      }
    }

    let stride = rowLength + 1
    var scanlines = [UInt8](repeating: 0, count: stride * height)
    scanlines.withUnsafeMutableBufferPointer { lines in
      for x in 0..<rowLength { lines[1 + x] = plainRow[x] }  // row 0, filter None
      for row in 1..<max(1, height) { lines[row * stride] = 2 }  // all later rows: filter Up
      if bandStart < height {
        for x in 0..<rowLength { lines[bandStart * stride + 1 + x] = bandRow[x] &- plainRow[x] }
      }
      if bandEnd < height {
        for x in 0..<rowLength { lines[bandEnd * stride + 1 + x] = plainRow[x] &- bandRow[x] }
      }
    }
    return PNGEncoder.encode(width: width, height: height, pixelFormat: .rgb, filteredScanlines: scanlines)
  }
}
