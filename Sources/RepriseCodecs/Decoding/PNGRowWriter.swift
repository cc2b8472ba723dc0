/// Undoes PNG's scanline filters in place and writes each row's pixels as RGBA into the output
/// (8-bit or 16-bit), at the pixel positions of an Adam7 pass (x0, y0, dx, dy), or of the whole
/// image when the pass is (0, 0, 1, 1).
struct PNGRowWriter {
  let header: PNGHeader
  /// 256 RGBA entries.
  let palette: [UInt8]
  /// tRNS samples at the file's bit depth.
  let transparent: [Int]?

  /// Unfilters `rows` scanlines of `stride` bytes (filter byte first) at `raw` and writes them.
  /// Returns the first row with an unknown filter type (and that type), having stopped there.
  func unfilterAndWrite(
    _ raw: UnsafeMutablePointer<UInt8>, rows: Int, pixels: Int, stride: Int, pass: (Int, Int, Int, Int),
    out8: UnsafeMutableBufferPointer<UInt8>, out16: UnsafeMutableBufferPointer<UInt16>
  ) -> (row: Int, filter: Int)? {
    let length = stride - 1
    let bpp = max(1, header.bitsPerPixel / 8)
    let zero = UnsafeMutablePointer<UInt8>.allocate(capacity: length)
    zero.initialize(repeating: 0, count: length)
    defer { zero.deallocate() }
    let (x0, y0, dx, dy) = pass
    for r in 0..<rows {
      let line = raw + r * stride
      let row = line + 1
      let prior = r == 0 ? UnsafePointer(zero) : UnsafePointer(line - stride + 1)
      if line.pointee > 4 { return (r, Int(line.pointee)) }
      Self.unfilter(type: line.pointee, row: row, prior: prior, length: length, bpp: bpp)
      let y = y0 + r * dy
      if out16.isEmpty {
        write8(UnsafePointer(row), pixels: pixels, base: (y * header.width + x0) * 4, step: dx * 4, out: out8.baseAddress!)
      } else {
        write16(UnsafePointer(row), pixels: pixels, base: (y * header.width + x0) * 4, step: dx * 4, out: out16.baseAddress!)
      }
    }
    return nil
  }

  /// Undoes one filter (types 0 to 4; the caller has refused others).
  @inline(__always) static func unfilter(type: UInt8, row: UnsafeMutablePointer<UInt8>, prior: UnsafePointer<UInt8>, length: Int, bpp: Int) {
    switch type {
    case 1:
      var i = bpp
      while i < length {
        row[i] &+= row[i - bpp]
        i += 1
      }
    case 2:
      for i in 0..<length { row[i] &+= prior[i] }
    case 3:
      for i in 0..<min(bpp, length) { row[i] &+= prior[i] >> 1 }
      var i = bpp
      while i < length {
        row[i] &+= UInt8(truncatingIfNeeded: (Int(row[i - bpp]) + Int(prior[i])) >> 1)
        i += 1
      }
    case 4:
      for i in 0..<min(bpp, length) { row[i] &+= prior[i] }
      var i = bpp
      while i < length {
        let a = Int(row[i - bpp])
        let b = Int(prior[i])
        let c = Int(prior[i - bpp])
        let pa = abs(b - c)
        let pb = abs(a - c)
        let pc = abs(a + b - 2 * c)
        // Selects written so they compile to conditional moves, not branches (the same choice).
        let bOrC = pb <= pc ? b : c
        row[i] &+= UInt8(truncatingIfNeeded: pa <= min(pb, pc) ? a : bOrC)
        i += 1
      }
    default: break
    }
  }

  /// Sample `i` of a row at bit depth `depth`.
  @inline(__always) static func sample(_ row: UnsafePointer<UInt8>, _ i: Int, _ depth: Int) -> Int {
    switch depth {
    case 8: return Int(row[i])
    case 16: return Int(row[2 * i]) << 8 | Int(row[2 * i + 1])
    default:
      let bit = i * depth
      return Int(row[bit >> 3] >> UInt8(8 - depth - (bit & 7))) & ((1 << depth) - 1)
    }
  }

  /// 16 bits to 8, rounding: `(v * 255 + 32767) / 65535`, computed without a division as
  /// `(v + 128 - (v + 128) >> 8) >> 8` (the same for every v in 0...65535; `PNGDecoderSpeedTests` checks all).
  @inline(__always) static func eight(_ v: Int) -> UInt8 { UInt8(truncatingIfNeeded: (v + 128 - ((v + 128) >> 8)) >> 8) }

  /// Writes one unfiltered row as 8-bit RGBA at `base`, pixels `step` samples apart.
  func write8(_ row: UnsafePointer<UInt8>, pixels: Int, base: Int, step: Int, out: UnsafeMutablePointer<UInt8>) {
    let depth = header.bitDepth
    var o = out + base
    switch (header.colorType, depth) {
    case (6, 8):
      if step == 4 {
        o.update(from: row, count: pixels * 4)
        return
      }
      for i in 0..<pixels {
        let s = row + 4 * i
        o[0] = s[0]
        o[1] = s[1]
        o[2] = s[2]
        o[3] = s[3]
        o += step
      }
    case (2, 8):
      if transparent == nil, pixels > 0 {
        // Opaque RGB: each pixel's three bytes and the next pixel's first read as one word, the
        // fourth byte set to 255 (the last pixel byte by byte, not to read past the row).
        for i in 0..<(pixels - 1) {
          let word = UInt32(littleEndian: UnsafeRawPointer(row + 3 * i).loadUnaligned(as: UInt32.self))
          UnsafeMutableRawPointer(o).storeBytes(of: (word | 0xFF00_0000).littleEndian, as: UInt32.self)
          o += step
        }
        let s = row + 3 * (pixels - 1)
        o[0] = s[0]
        o[1] = s[1]
        o[2] = s[2]
        o[3] = 255
        return
      }
      let t = transparent ?? [-1, -1, -1]
      for i in 0..<pixels {
        let s = row + 3 * i
        o[0] = s[0]
        o[1] = s[1]
        o[2] = s[2]
        o[3] = Int(s[0]) == t[0] && Int(s[1]) == t[1] && Int(s[2]) == t[2] ? 0 : 255
        o += step
      }
    case (3, _):
      palette.withUnsafeBufferPointer { palette in
        let p = palette.baseAddress!
        for i in 0..<pixels {
          let entry = p + 4 * (depth == 8 ? Int(row[i]) : Self.sample(row, i, depth))
          o[0] = entry[0]
          o[1] = entry[1]
          o[2] = entry[2]
          o[3] = entry[3]
          o += step
        }
      }
    case (0, _):
      let t = transparent?[0] ?? -1
      let scale = depth == 16 ? 1 : 255 / ((1 << depth) - 1)
      for i in 0..<pixels {
        let v = Self.sample(row, i, depth)
        let g = depth == 16 ? Self.eight(v) : UInt8(truncatingIfNeeded: v * scale)
        o[0] = g
        o[1] = g
        o[2] = g
        o[3] = v == t ? 0 : 255
        o += step
      }
    case (4, 8):
      for i in 0..<pixels {
        let g = row[2 * i]
        o[0] = g
        o[1] = g
        o[2] = g
        o[3] = row[2 * i + 1]
        o += step
      }
    case (4, _):
      for i in 0..<pixels {
        let g = Self.eight(Self.sample(row, 2 * i, 16))
        o[0] = g
        o[1] = g
        o[2] = g
        o[3] = Self.eight(Self.sample(row, 2 * i + 1, 16))
        o += step
      }
    case (2, 16):
      if transparent != nil { fallthrough }
      for i in 0..<pixels {
        let s = row + 6 * i
        o[0] = Self.eight(Int(s[0]) << 8 | Int(s[1]))
        o[1] = Self.eight(Int(s[2]) << 8 | Int(s[3]))
        o[2] = Self.eight(Int(s[4]) << 8 | Int(s[5]))
        o[3] = 255
        o += step
      }
    case (2, _):
      let t = transparent ?? [-1, -1, -1]
      for i in 0..<pixels {
        let r = Self.sample(row, 3 * i, 16)
        let g = Self.sample(row, 3 * i + 1, 16)
        let b = Self.sample(row, 3 * i + 2, 16)
        o[0] = Self.eight(r)
        o[1] = Self.eight(g)
        o[2] = Self.eight(b)
        o[3] = r == t[0] && g == t[1] && b == t[2] ? 0 : 255
        o += step
      }
    default:  // (6, 16)
      for i in 0..<pixels {
        for c in 0..<4 { o[c] = Self.eight(Self.sample(row, 4 * i + c, 16)) }
        o += step
      }
    }
  }

  /// Writes one unfiltered row as 16-bit RGBA at `base`, pixels `step` samples apart.
  func write16(_ row: UnsafePointer<UInt8>, pixels: Int, base: Int, step: Int, out: UnsafeMutablePointer<UInt16>) {
    let depth = header.bitDepth
    let scale = 65535 / ((1 << depth) - 1)
    var o = out + base
    let t = transparent
    for i in 0..<pixels {
      switch header.colorType {
      case 3:
        let index = Self.sample(row, i, depth)
        for c in 0..<4 { o[c] = UInt16(palette[4 * index + c]) * 257 }
      case 0:
        let v = Self.sample(row, i, depth)
        let g = UInt16(v * scale)
        o[0] = g
        o[1] = g
        o[2] = g
        o[3] = v == t?[0] ? 0 : 65535
      case 4:
        let g = UInt16(Self.sample(row, 2 * i, depth) * scale)
        o[0] = g
        o[1] = g
        o[2] = g
        o[3] = UInt16(Self.sample(row, 2 * i + 1, depth) * scale)
      case 2:
        let s = (0..<3).map { Self.sample(row, 3 * i + $0, depth) }
        for c in 0..<3 { o[c] = UInt16(s[c] * scale) }
        o[3] = t == s ? 0 : 65535
      default:
        for c in 0..<4 { o[c] = UInt16(Self.sample(row, 4 * i + c, depth) * scale) }
      }
      o += step
    }
  }
}
