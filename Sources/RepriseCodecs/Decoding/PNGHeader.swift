/// A PNG's IHDR fields, validated: dimensions, bit depth and colour type (one of the fifteen
/// combinations the PNG specification allows), interlace method.
struct PNGHeader: Sendable, Equatable {
  let width: Int
  let height: Int
  let bitDepth: Int
  /// 0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGBA.
  let colorType: Int
  let interlaced: Bool

  /// Samples per pixel in the file.
  var channels: Int {
    switch colorType {
    case 0, 3: 1
    case 2: 3
    case 4: 2
    default: 4
    }
  }

  /// Bits per pixel in the file.
  var bitsPerPixel: Int { channels * bitDepth }

  /// Bytes of one filtered scanline of `pixels` pixels, without its filter byte.
  func rowBytes(_ pixels: Int) -> Int { (pixels * bitsPerPixel + 7) / 8 }

  /// The inflated size of the image data: every pass's rows with their filter bytes.
  var inflatedBytes: Int {
    if !interlaced { return height * (1 + rowBytes(width)) }
    return PNGHeader.passes.reduce(0) { total, pass in
      let (w, h) = passSize(pass)
      return w == 0 || h == 0 ? total : total + h * (1 + rowBytes(w))
    }
  }

  /// Adam7: x start, y start, x step, y step of each of the seven passes.
  static let passes: [(Int, Int, Int, Int)] = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]

  /// Pixels across and down one Adam7 pass.
  func passSize(_ pass: (Int, Int, Int, Int)) -> (Int, Int) {
    let (x0, y0, dx, dy) = pass
    return ((width - x0 + dx - 1) / dx, (height - y0 + dy - 1) / dy)
  }

  /// Reads and checks the 13 bytes of IHDR, then `limits`.
  init(_ data: UnsafeBufferPointer<UInt8>, limits: DecodeLimits) throws(ImageDecodeError) {
    guard data.count == 13 else { throw .malformed(format: "png", reason: "IHDR is \(data.count) bytes, not 13") }
    func word(_ i: Int) -> Int { Int(data[i]) << 24 | Int(data[i + 1]) << 16 | Int(data[i + 2]) << 8 | Int(data[i + 3]) }
    width = word(0)
    height = word(4)
    bitDepth = Int(data[8])
    colorType = Int(data[9])
    if width == 0 || height == 0 || width > 0x7FFF_FFFF || height > 0x7FFF_FFFF {
      throw .malformed(format: "png", reason: "image size \(width)x\(height) is invalid")
    }
    let allowed: [Int]
    switch colorType {
    case 0: allowed = [1, 2, 4, 8, 16]
    case 3: allowed = [1, 2, 4, 8]
    case 2, 4, 6: allowed = [8, 16]
    default: throw .malformed(format: "png", reason: "colour type \(colorType) is invalid")
    }
    if !allowed.contains(bitDepth) { throw .malformed(format: "png", reason: "bit depth \(bitDepth) is invalid for colour type \(colorType)") }
    if data[10] != 0 { throw .malformed(format: "png", reason: "compression method \(data[10]) is invalid") }
    if data[11] != 0 { throw .malformed(format: "png", reason: "filter method \(data[11]) is invalid") }
    if data[12] > 1 { throw .malformed(format: "png", reason: "interlace method \(data[12]) is invalid") }
    interlaced = data[12] == 1
    try limits.check(format: "png", width: width, height: height)
  }
}
