/// Unfiltering from a scanline where it was inflated into a separate row, a pixel at a time in
/// eight vector lanes (3 to 8 bytes per pixel: 8-bit RGB and RGBA, 16-bit grey+alpha, RGB, RGBA).
///
/// The Sub, Average and Paeth filters chain each byte to the one a pixel before it, so a row cannot
/// be done in wide blocks; but a pixel's bytes are independent of each other, so each step reads
/// eight bytes (the pixel's `bpp` and whatever follows), works all lanes at once without a branch or a lane mask (Swift's
/// `SIMDMask` selects compile to a loop over lanes),
/// and stores eight: the lanes past the pixel are stored too and overwritten by the next step, so
/// the row and the source must have 8 bytes of room past their end (`PNGRowWriter.laneSlack`).
extension PNGRowWriter {
  /// Bytes readable and writable past the end of a row unfiltered by `unfilterLanes`.
  static let laneSlack = 8

  /// Unfilters `length` bytes of filter `type` (0 to 4) from `source` into `row`, `prior` the
  /// previous unfiltered row (zeros for the first); `bpp` bytes per pixel (at least 1).
  static func unfilterLanes(type: UInt8, source: UnsafePointer<UInt8>, row: UnsafeMutablePointer<UInt8>, prior: UnsafePointer<UInt8>, length: Int, bpp: Int) {
    guard bpp >= 3, type != 0, type != 2 else {
      if type == 2 {
        for i in 0..<length { row[i] = source[i] &+ prior[i] }
      } else {
        row.update(from: source, count: length)
        if type != 0 { unfilter(type: type, row: row, prior: prior, length: length, bpp: bpp) }
      }
      return
    }
    let from = UnsafeRawPointer(source)
    let to = UnsafeMutableRawPointer(row)
    let above = UnsafeRawPointer(prior)
    var left = SIMD8<UInt8>()
    var corner = SIMD8<Int16>()
    var i = 0
    switch type {
    case 1:
      while i < length {
        left = from.loadUnaligned(fromByteOffset: i, as: SIMD8<UInt8>.self) &+ left
        to.storeBytes(of: left, toByteOffset: i, as: SIMD8<UInt8>.self)
        i += bpp
      }
    case 3:
      while i < length {
        let up = SIMD8<UInt16>(truncatingIfNeeded: above.loadUnaligned(fromByteOffset: i, as: SIMD8<UInt8>.self))
        let average = SIMD8<UInt8>(truncatingIfNeeded: (SIMD8<UInt16>(truncatingIfNeeded: left) &+ up) &>> 1)
        left = from.loadUnaligned(fromByteOffset: i, as: SIMD8<UInt8>.self) &+ average
        to.storeBytes(of: left, toByteOffset: i, as: SIMD8<UInt8>.self)
        i += bpp
      }
    default:
      while i < length {
        let a = SIMD8<Int16>(truncatingIfNeeded: left)
        let b = SIMD8<Int16>(truncatingIfNeeded: above.loadUnaligned(fromByteOffset: i, as: SIMD8<UInt8>.self))
        let c = corner
        let pa = magnitude(b &- c)
        let pb = magnitude(a &- c)
        let pc = magnitude(a &+ b &- c &- c)
        // The same choice as the scalar Paeth (a when pa is smallest, else b when pb <= pc, else
        // c), as all-ones/zero lane masks from sign bits: `x - y - 1 < 0` when `x <= y`.
        let bFirst = (pb &- pc &- 1) &>> 15
        let bOrC = (b & bFirst) | (c & ~bFirst)
        let aFirst = (pa &- pb &- 1) &>> 15 & (pa &- pc &- 1) &>> 15
        let predictor = (a & aFirst) | (bOrC & ~aFirst)
        left = from.loadUnaligned(fromByteOffset: i, as: SIMD8<UInt8>.self) &+ SIMD8<UInt8>(truncatingIfNeeded: predictor)
        to.storeBytes(of: left, toByteOffset: i, as: SIMD8<UInt8>.self)
        corner = b
        i += bpp
      }
    }
  }

  /// Lane-wise absolute value (the lanes hold -510...510), without a lane mask: `(v ^ s) - s` for
  /// the sign `s` (0 or -1).
  @inline(__always) static func magnitude(_ v: SIMD8<Int16>) -> SIMD8<Int16> {
    let sign = v &>> 15
    return (v ^ sign) &- sign
  }
}
