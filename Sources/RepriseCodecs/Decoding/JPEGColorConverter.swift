/// Turns the components' samples into RGBA rows: chroma upsampled as libjpeg does by default
/// ("fancy" triangle filters for 2x1, 1x2 and 2x2 ratios when the component is wider than 2
/// samples, edge rows and columns replicated; box replication for other ratios), then libjpeg's
/// fixed-point YCbCr to RGB (16 fractional bits), or samples taken as RGB or grey as they are.
enum JPEGColorConverter {
  /// libjpeg's FIX(1.40200), FIX(1.77200), FIX(0.71414), FIX(0.34414) at 16 fractional bits.
  static let fix = (r: 91_881, b: 116_130, gCr: 46_802, gCb: 22_554)

  /// libjpeg's `ycc_rgb_convert` tables: per Cr the red offset, per Cb the blue offset (both rounded),
  /// per Cr and Cb the green terms (16 fractional bits, the rounding half in the Cb one).
  static let tables: [Int32] = {
    var t = [Int32](repeating: 0, count: 4 * 256)
    for i in 0..<256 {
      let x = Int32(i) - 128
      t[i] = (Int32(fix.r) * x + 32768) >> 16
      t[256 + i] = (Int32(fix.b) * x + 32768) >> 16
      t[512 + i] = -Int32(fix.gCr) * x
      t[768 + i] = -Int32(fix.gCb) * x + 32768
    }
    return t
  }()

  /// Clamps -384...639 to 0...255: `clampTable[v + 384]` (libjpeg's range limit table).
  static let clampTable: [UInt8] = (0..<1024).map { UInt8(max(0, min(255, $0 - 384))) }

  /// The RGBA bytes of the image from its transformed components.
  static func convert(_ components: [JPEGComponent], width: Int, height: Int, hMax: Int, vMax: Int, rgb: Bool) -> [UInt8] {
    let total = width * height * 4
    let rowCapacity = width + 32
    let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: rowCapacity * components.count)
    let sums = UnsafeMutablePointer<Int32>.allocate(capacity: rowCapacity)
    defer {
      scratch.deallocate()
      sums.deallocate()
    }
    // Not zero-filled first: every pixel of every row is written below.
    return [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
      initialized = total
      var rows = [UnsafePointer<UInt8>](repeating: UnsafePointer(scratch), count: components.count)
      for y in 0..<height {
        for (i, c) in components.enumerated() {
          rows[i] = upsampledRow(c, y: y, rh: hMax / c.h, rv: vMax / c.v, width: width, into: scratch + i * rowCapacity, sums: sums)
        }
        let o = UnsafeMutableRawPointer(out.baseAddress! + y * width * 4)
        if components.count == 1 {
          let g = rows[0]
          for x in 0..<width {
            let v = UInt32(g[x])
            o.storeBytes(of: (v | v << 8 | v << 16 | 0xFF00_0000).littleEndian, toByteOffset: 4 * x, as: UInt32.self)
          }
        } else if rgb {
          let (r, g, b) = (rows[0], rows[1], rows[2])
          for x in 0..<width {
            let v = UInt32(r[x]) | UInt32(g[x]) << 8 | UInt32(b[x]) << 16 | 0xFF00_0000
            o.storeBytes(of: v.littleEndian, toByteOffset: 4 * x, as: UInt32.self)
          }
        } else {
          let (yy, cb, cr) = (rows[0], rows[1], rows[2])
          tables.withUnsafeBufferPointer { t in
            clampTable.withUnsafeBufferPointer { c in
              let t = t.baseAddress!
              let clamp = c.baseAddress! + 384
              for x in 0..<width {
                let l = Int(yy[x])
                let u = Int(cb[x])
                let v = Int(cr[x])
                let red = UInt32(clamp[l + Int(t[v])])
                let green = UInt32(clamp[l + Int((t[768 + u] + t[512 + v]) >> 16)])
                let blue = UInt32(clamp[l + Int(t[256 + u])])
                o.storeBytes(of: (red | green << 8 | blue << 16 | 0xFF00_0000).littleEndian, toByteOffset: 4 * x, as: UInt32.self)
              }
            }
          }
        }
      }
    }
  }

  /// Output row `y` of component `c` at full resolution (at least `width` samples).
  static func upsampledRow(
    _ c: JPEGComponent, y: Int, rh: Int, rv: Int, width: Int, into row: UnsafeMutablePointer<UInt8>, sums: UnsafeMutablePointer<Int32>
  ) -> UnsafePointer<UInt8> {
    let samples = c.samples!
    let stride = c.stride
    let n = c.width
    if rh == 1 && rv == 1 { return UnsafePointer(samples + y * stride) }
    let fancy = (rh == 2 && rv == 1 && n > 2) || (rh == 1 && rv == 2) || (rh == 2 && rv == 2 && n > 2)
    if !fancy {
      let source = samples + (y / rv) * stride
      for x in 0..<width { row[x] = source[x / rh] }
      return UnsafePointer(row)
    }
    if rv == 1 {
      // h2v1: each input sample becomes two, 3/4 of it and 1/4 of the nearer neighbour.
      let s = samples + y * stride
      row[0] = s[0]
      row[1] = UInt8(truncatingIfNeeded: (Int(s[0]) * 3 + Int(s[1]) + 2) >> 2)
      for x in 1..<(n - 1) {
        let v = Int(s[x]) * 3
        row[2 * x] = UInt8(truncatingIfNeeded: (v + Int(s[x - 1]) + 1) >> 2)
        row[2 * x + 1] = UInt8(truncatingIfNeeded: (v + Int(s[x + 1]) + 2) >> 2)
      }
      row[2 * n - 2] = UInt8(truncatingIfNeeded: (Int(s[n - 1]) * 3 + Int(s[n - 2]) + 1) >> 2)
      row[2 * n - 1] = s[n - 1]
      return UnsafePointer(row)
    }
    // Vertical: 3/4 of the row itself, 1/4 of the row above (upper output row) or below (lower one).
    let inRow = y / 2
    let upper = y % 2 == 0
    let neighbourRow = upper ? max(inRow - 1, 0) : min(inRow + 1, c.height - 1)
    let s0 = samples + inRow * stride
    let s1 = samples + neighbourRow * stride
    if rh == 1 {
      let bias = upper ? 1 : 2
      for x in 0..<n { row[x] = UInt8(truncatingIfNeeded: (Int(s0[x]) * 3 + Int(s1[x]) + bias) >> 2) }
      return UnsafePointer(row)
    }
    for x in 0..<n { sums[x] = Int32(s0[x]) * 3 + Int32(s1[x]) }
    row[0] = UInt8(truncatingIfNeeded: (sums[0] * 4 + 8) >> 4)
    row[1] = UInt8(truncatingIfNeeded: (sums[0] * 3 + sums[1] + 7) >> 4)
    for x in 1..<(n - 1) {
      let v = sums[x] * 3
      row[2 * x] = UInt8(truncatingIfNeeded: (v + sums[x - 1] + 8) >> 4)
      row[2 * x + 1] = UInt8(truncatingIfNeeded: (v + sums[x + 1] + 7) >> 4)
    }
    row[2 * n - 2] = UInt8(truncatingIfNeeded: (sums[n - 1] * 3 + sums[n - 2] + 8) >> 4)
    row[2 * n - 1] = UInt8(truncatingIfNeeded: (sums[n - 1] * 4 + 7) >> 4)
    return UnsafePointer(row)
  }
}
