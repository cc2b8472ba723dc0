/// The fused path for 8-bit RGB, what image models send: each scanline is unfiltered straight into
/// its RGBA row, with no unfiltered copy of the scanline and no separate expansion pass.
///
/// A filter's "left" byte of sample `3x + c` is output byte `4(x - 1) + c` and its "up" byte is the
/// previous RGBA row's byte `4x + c` (the alpha bytes, never read by a filter, are set to 255), so
/// the RGBA rows themselves serve as the unfiltered image.
extension PNGRowWriter {
  /// Bytes `a + b` in each of the eight lanes, wrapping, without carries between lanes.
  @inline(__always) static func laneSum(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    return ((a & low) &+ (b & low)) ^ ((a ^ b) & ~low)
  }

  /// Sets alpha 0 on the pixels of an 8-bit RGB row (as RGBA at `row`) that match tRNS, if any.
  func clearTransparentRGB8(_ row: UnsafeMutablePointer<UInt8>) {
    guard let t = transparent else { return }
    for x in 0..<header.width where Int(row[4 * x]) == t[0] && Int(row[4 * x + 1]) == t[1] && Int(row[4 * x + 2]) == t[2] { row[4 * x + 3] = 0 }
  }

  /// Four pixels' twelve samples (the first twelve lanes) as sixteen RGBA bytes, alpha 255.
  @inline(__always) static func expand(_ v: SIMD16<UInt8>) -> SIMD16<UInt8> {
    SIMD16(v[0], v[1], v[2], 255, v[3], v[4], v[5], 255, v[6], v[7], v[8], 255, v[9], v[10], v[11], 255)
  }

  /// One scanline's `width` RGB samples at `source`, filter `type` (0 to 4), into RGBA at `out`
  /// (alpha 255), `up` the previous RGBA row (zeros for the first).
  @inline(__always) static func unfilterRGB8(
    type: UInt8, source: UnsafePointer<UInt8>, out: UnsafeMutablePointer<UInt8>, up: UnsafePointer<UInt8>, width: Int
  ) {
    let alpha: UInt64 = 0xFF00_0000_FF00_0000
    let raw = UnsafeRawPointer(source)
    let target = UnsafeMutableRawPointer(out)
    let above = UnsafeRawPointer(up)
    // Two pixels' samples from one eight-byte load, as two RGBA words with alpha 0 (pixel `x + 2`
    // must exist, so the load stays inside the scanline).
    @inline(__always) func pair(_ x: Int) -> UInt64 {
      let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 3 * x, as: UInt64.self))
      return (word & 0xFF_FFFF) | (word << 8 & 0xFF_FFFF_0000_0000)
    }
    @inline(__always) func pixel(_ x: Int) -> UInt64 {
      UInt64(source[3 * x]) | UInt64(source[3 * x + 1]) << 8 | UInt64(source[3 * x + 2]) << 16
    }
    @inline(__always) func store(_ x: Int, _ value: UInt64) { target.storeBytes(of: (value | alpha).littleEndian, toByteOffset: 4 * x, as: UInt64.self) }
    @inline(__always) func store1(_ x: Int, _ value: UInt64) {
      target.storeBytes(of: UInt32(truncatingIfNeeded: value | alpha).littleEndian, toByteOffset: 4 * x, as: UInt32.self)
    }
    @inline(__always) func above2(_ x: Int) -> UInt64 { UInt64(littleEndian: above.loadUnaligned(fromByteOffset: 4 * x, as: UInt64.self)) }
    @inline(__always) func above1(_ x: Int) -> UInt64 { UInt64(UInt32(littleEndian: above.loadUnaligned(fromByteOffset: 4 * x, as: UInt32.self))) }
    // Four pixels from one sixteen-byte load (pixel `x + 5` must exist: the load stays in the scanline).
    @inline(__always) func four(_ x: Int) -> SIMD16<UInt8> { expand(raw.loadUnaligned(fromByteOffset: 3 * x, as: SIMD16<UInt8>.self)) }
    var x = 0
    switch type {
    case 0:
      while x + 6 <= width {
        target.storeBytes(of: four(x), toByteOffset: 4 * x, as: SIMD16<UInt8>.self)
        x += 4
      }
      while x + 3 <= width {
        store(x, pair(x))
        x += 2
      }
      while x < width {
        store1(x, pixel(x))
        x += 1
      }
    case 1:
      var left: UInt64 = 0
      while x + 3 <= width {
        let samples = pair(x)
        let first = laneSum(samples & 0xFFFF_FFFF, left)
        left = laneSum(samples >> 32, first)
        store(x, first | left << 32)
        x += 2
      }
      while x < width {
        left = laneSum(pixel(x), left)
        store1(x, left)
        x += 1
      }
    case 2:
      while x + 6 <= width {
        let sum = four(x) &+ above.loadUnaligned(fromByteOffset: 4 * x, as: SIMD16<UInt8>.self)
        target.storeBytes(of: sum | SIMD16(0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255), toByteOffset: 4 * x, as: SIMD16<UInt8>.self)
        x += 4
      }
      while x + 3 <= width {
        store(x, laneSum(pair(x), above2(x)))
        x += 2
      }
      while x < width {
        store1(x, laneSum(pixel(x), above1(x)))
        x += 1
      }
    case 3:
      var left = (0, 0, 0)
      while x < width {
        let o = out + 4 * x
        left.0 = (Int(source[3 * x]) + ((left.0 + Int(up[4 * x])) >> 1)) & 0xFF
        left.1 = (Int(source[3 * x + 1]) + ((left.1 + Int(up[4 * x + 1])) >> 1)) & 0xFF
        left.2 = (Int(source[3 * x + 2]) + ((left.2 + Int(up[4 * x + 2])) >> 1)) & 0xFF
        o[0] = UInt8(truncatingIfNeeded: left.0)
        o[1] = UInt8(truncatingIfNeeded: left.1)
        o[2] = UInt8(truncatingIfNeeded: left.2)
        o[3] = 255
        x += 1
      }
    default:
      var left = (0, 0, 0)
      var corner = (0, 0, 0)
      while x < width {
        let o = out + 4 * x
        let b = (Int(up[4 * x]), Int(up[4 * x + 1]), Int(up[4 * x + 2]))
        left.0 = (Int(source[3 * x]) + paeth(left.0, b.0, corner.0)) & 0xFF
        left.1 = (Int(source[3 * x + 1]) + paeth(left.1, b.1, corner.1)) & 0xFF
        left.2 = (Int(source[3 * x + 2]) + paeth(left.2, b.2, corner.2)) & 0xFF
        corner = b
        o[0] = UInt8(truncatingIfNeeded: left.0)
        o[1] = UInt8(truncatingIfNeeded: left.1)
        o[2] = UInt8(truncatingIfNeeded: left.2)
        o[3] = 255
        x += 1
      }
    }
  }

  /// The Paeth predictor of `a` (left), `b` (up) and `c` (upper left), as selects that compile to
  /// conditional moves.
  @inline(__always) static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
    let pa = abs(b - c)
    let pb = abs(a - c)
    let pc = abs(a + b - 2 * c)
    let bOrC = pb <= pc ? b : c
    return pa <= min(pb, pc) ? a : bOrC
  }
}
