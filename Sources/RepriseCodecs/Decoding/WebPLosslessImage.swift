/// The decoding of one VP8L image and its sub-images (RFC 9649): transforms read and undone,
/// prefix code groups, LZ77 and colour-cache pixels. `WebPLosslessDecoder` is the entry point.
struct WebPLosslessImage {
  var reader: WebPBitReader
  let limits: DecodeLimits

  init(reader: WebPBitReader, limits: DecodeLimits) {
    self.reader = reader
    self.limits = limits
  }

  /// A `.malformed` error of this format.
  func malformed(_ reason: String) -> ImageDecodeError { .malformed(format: "webp", reason: reason) }

  /// `a / 2^bits`, rounded up.
  static func divRoundUp(_ a: Int, _ bits: Int) -> Int { (a + (1 << bits) - 1) >> bits }

  /// A transform as read, with its data.
  enum Transform {
    case predictor(bits: Int, image: [UInt32])
    case crossColor(bits: Int, image: [UInt32])
    case subtractGreen
    case colorIndexing(table: [UInt32], widthBits: Int)
  }

  /// The main image: transforms, then the entropy-coded ARGB, then the transforms undone.
  mutating func mainImage(width: Int, height: Int) throws(ImageDecodeError) -> [UInt32] {
    var transforms: [(Transform, Int)] = []  // with the width they apply at
    var xsize = width
    var seen = Set<Int>()
    while reader.bits(1) == 1 {
      let type = reader.bits(2)
      if !seen.insert(type).inserted { throw malformed("transform \(type) used twice") }
      switch type {
      case 0, 1:
        let bits = reader.bits(3) + 2
        let image = try entropyImage(width: Self.divRoundUp(xsize, bits), height: Self.divRoundUp(height, bits))
        transforms.append((type == 0 ? .predictor(bits: bits, image: image) : .crossColor(bits: bits, image: image), xsize))
      case 2:
        transforms.append((.subtractGreen, xsize))
      default:
        let size = reader.bits(8) + 1
        var table = try entropyImage(width: size, height: 1)
        for i in 1..<max(1, size) { table[i] = Self.addPixels(table[i], table[i - 1]) }
        let widthBits = size <= 2 ? 3 : (size <= 4 ? 2 : (size <= 16 ? 1 : 0))
        transforms.append((.colorIndexing(table: table, widthBits: widthBits), xsize))
        xsize = Self.divRoundUp(xsize, widthBits)
      }
    }
    var pixels = try spatialImage(width: xsize, height: height, main: true)
    for (transform, w) in transforms.reversed() {
      pixels = Self.undo(transform, pixels, width: w, height: height)
    }
    return pixels
  }

  /// A sub-image (transform data, meta codes, colour table): colour cache bit, one code group.
  mutating func entropyImage(width: Int, height: Int) throws(ImageDecodeError) -> [UInt32] {
    try spatialImage(width: width, height: height, main: false)
  }

  /// An entropy-coded image of `width x height` ARGB pixels; `main` allows meta prefix codes.
  mutating func spatialImage(width: Int, height: Int, main: Bool) throws(ImageDecodeError) -> [UInt32] {
    var cacheBits = 0
    if reader.bits(1) == 1 {
      cacheBits = reader.bits(4)
      if cacheBits < 1 || cacheBits > 11 { throw malformed("colour cache of \(cacheBits) bits") }
    }
    var metaBits = 0
    var meta: [UInt32] = []
    var metaWidth = 0
    var groupCount = 1
    if main, reader.bits(1) == 1 {
      metaBits = reader.bits(3) + 2
      metaWidth = Self.divRoundUp(width, metaBits)
      meta = try entropyImage(width: metaWidth, height: Self.divRoundUp(height, metaBits))
      for i in meta.indices {
        meta[i] = (meta[i] >> 8) & 0xFFFF
        groupCount = max(groupCount, Int(meta[i]) + 1)
      }
    }
    if groupCount > 1 << 16 { throw malformed("\(groupCount) prefix code groups") }
    let cacheSize = cacheBits > 0 ? 1 << cacheBits : 0
    var pool = WebPCodePool()
    for _ in 0..<groupCount {
      for alphabet in [256 + 24 + cacheSize, 256, 256, 256, 40] { _ = pool.add(try readCode(alphabet: alphabet)) }
      if reader.overran { throw malformed("data ends early (prefix codes)") }
    }
    let total = width * height
    var out = [UInt32](repeating: 0, count: total)
    var cache = [UInt32](repeating: 0, count: max(1, cacheSize))
    let cacheShift = UInt32(32 - cacheBits)
    var failure: ImageDecodeError?
    var outerReader = self.reader
    defer { self.reader = outerReader }
    pool.storage.withUnsafeBufferPointer { storage in
      pool.offsets.withUnsafeBufferPointer { offsets in
        pool.singles.withUnsafeBufferPointer { singles in
          pool.counts.withUnsafeBufferPointer { counts in
            out.withUnsafeMutableBufferPointer { out in
              cache.withUnsafeMutableBufferPointer { cache in
                let p = storage.baseAddress!
                let (o, si, co) = (offsets.baseAddress!, singles.baseAddress!, counts.baseAddress!)
                // The reader lives in this closure's own variable: captured ones are checked at run time.
                var reader = outerReader
                defer { outerReader = reader }
                /// Symbol of code `k` (0...4) of the group starting at code `g`.
                @inline(__always) func read(_ g: Int, _ k: Int, _ reader: inout WebPBitReader) -> Int? {
                  if reader.count < 16 { reader.fill() }
                  let (symbol, length) = WebPCodePool.decode(reader.buffer, pool: p, offset: o[g + k], single: si[g + k], count: co[g + k])
                  if symbol < 0 { return nil }
                  reader.buffer >>= UInt64(length)
                  reader.count -= length
                  return symbol
                }
                var position = 0
                var cached = 0
                var group = 0
                var x = 0
                var y = 0
                while position < total {
                  // The group of the block this pixel is in (a back-reference can end inside a block).
                  if metaBits > 0 { group = 5 * Int(meta[(y >> metaBits) * metaWidth + (x >> metaBits)]) }
                  guard let s = read(group, 0, &reader) else { failure = malformed("invalid prefix code"); return }
                  var advance = 1
                  if s < 256 {
                    guard let red = read(group, 1, &reader), let blue = read(group, 2, &reader), let alpha = read(group, 3, &reader) else {
                      failure = malformed("invalid prefix code")
                      return
                    }
                    out[position] = UInt32(alpha) << 24 | UInt32(red) << 16 | UInt32(s) << 8 | UInt32(blue)
                  } else if s < 256 + 24 {
                    let length = Self.prefixValue(s - 256, &reader)
                    guard let distanceSymbol = read(group, 4, &reader) else { failure = malformed("invalid prefix code"); return }
                    let code = Self.prefixValue(distanceSymbol, &reader)
                    var distance: Int
                    if code > 120 {
                      distance = code - 120
                    } else {
                      let (dx, dy) = Self.distanceMap[code - 1]
                      distance = max(1, dx + dy * width)
                    }
                    if distance > position { failure = malformed("back-reference before the start of the image"); return }
                    if position + length > total { failure = malformed("back-reference past the end of the image"); return }
                    for i in 0..<length { out[position + i] = out[position + i - distance] }
                    advance = length
                  } else {
                    let index = s - 280
                    if index >= cacheSize { failure = malformed("colour cache index \(index)"); return }
                    while cached < position {
                      cache[Int((out[cached] &* 0x1E35_A7BD) >> cacheShift)] = out[cached]
                      cached += 1
                    }
                    out[position] = cache[index]
                  }
                  position += advance
                  x += advance
                  while x >= width {
                    x -= width
                    y += 1
                    if reader.overran { failure = malformed("data ends early (truncated file?)"); return }
                  }
                  if cacheBits > 0 {
                    while cached < position {
                      cache[Int((out[cached] &* 0x1E35_A7BD) >> cacheShift)] = out[cached]
                      cached += 1
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    if let failure { throw failure }
    if reader.overran { throw malformed("data ends early (truncated file?)") }
    return out
  }

  /// A length or distance from its prefix symbol and extra bits.
  @inline(__always) static func prefixValue(_ symbol: Int, _ reader: inout WebPBitReader) -> Int {
    if symbol < 4 { return symbol + 1 }
    let extra = (symbol - 2) >> 1
    let offset = (2 + (symbol & 1)) << extra
    return offset + reader.bits(extra) + 1
  }

  /// The order code-length code lengths are sent in.
  static let codeLengthOrder = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]

  mutating func readCode(alphabet: Int) throws(ImageDecodeError) -> WebPHuffman {
    var lengths = [Int](repeating: 0, count: alphabet)
    if reader.bits(1) == 1 {
      let count = reader.bits(1) + 1
      let first = reader.bits(reader.bits(1) == 1 ? 8 : 1)
      guard first < alphabet else { throw malformed("prefix code symbol \(first) over the alphabet") }
      lengths[first] = 1
      if count == 2 {
        let second = reader.bits(8)
        guard second < alphabet else { throw malformed("prefix code symbol \(second) over the alphabet") }
        lengths[second] = 1
      }
      return try WebPHuffman(lengths: lengths)
    }
    var codeLengthLengths = [Int](repeating: 0, count: 19)
    let n = reader.bits(4) + 4
    for i in 0..<n { codeLengthLengths[Self.codeLengthOrder[i]] = reader.bits(3) }
    let codeLengthCode = try WebPHuffman(lengths: codeLengthLengths)
    var maxSymbol = alphabet
    if reader.bits(1) == 1 {
      let lengthBits = 2 + 2 * reader.bits(3)
      maxSymbol = 2 + reader.bits(lengthBits)
      if maxSymbol > alphabet { throw malformed("prefix code max symbol \(maxSymbol) over the alphabet") }
    }
    var previous = 8
    var symbol = 0
    while symbol < alphabet {
      if maxSymbol == 0 { break }
      maxSymbol -= 1
      let code = try reader.read(codeLengthCode)
      if code < 16 {
        lengths[symbol] = code
        symbol += 1
        if code != 0 { previous = code }
        continue
      }
      let repeatCount = code == 16 ? 3 + reader.bits(2) : (code == 17 ? 3 + reader.bits(3) : 11 + reader.bits(7))
      if symbol + repeatCount > alphabet { throw malformed("code lengths overflow the alphabet") }
      let value = code == 16 ? previous : 0
      for i in symbol..<(symbol + repeatCount) { lengths[i] = value }
      symbol += repeatCount
      if reader.overran { throw malformed("data ends early (code lengths)") }
    }
    return try WebPHuffman(lengths: lengths)
  }

  // MARK: transforms

  @inline(__always) static func addPixels(_ a: UInt32, _ b: UInt32) -> UInt32 {
    let ag = (a & 0xFF00_FF00) &+ (b & 0xFF00_FF00)
    let rb = (a & 0x00FF_00FF) &+ (b & 0x00FF_00FF)
    return (ag & 0xFF00_FF00) | (rb & 0x00FF_00FF)
  }

  @inline(__always) static func average2(_ a: UInt32, _ b: UInt32) -> UInt32 {
    (((a ^ b) & 0xFEFE_FEFE) >> 1) &+ (a & b)
  }

  @inline(__always) static func channel(_ p: UInt32, _ shift: UInt32) -> Int { Int((p >> shift) & 0xFF) }

  static func select(_ l: UInt32, _ t: UInt32, _ tl: UInt32) -> UInt32 {
    var pl = 0
    var pt = 0
    for shift in [24, 16, 8, 0] as [UInt32] {
      pl += abs(channel(t, shift) - channel(tl, shift))
      pt += abs(channel(l, shift) - channel(tl, shift))
    }
    return pl < pt ? l : t
  }

  static func clampAddSubtractFull(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt32 {
    var out: UInt32 = 0
    for shift in [24, 16, 8, 0] as [UInt32] {
      let v = max(0, min(255, channel(a, shift) + channel(b, shift) - channel(c, shift)))
      out |= UInt32(v) << shift
    }
    return out
  }

  static func clampAddSubtractHalf(_ a: UInt32, _ b: UInt32) -> UInt32 {
    var out: UInt32 = 0
    for shift in [24, 16, 8, 0] as [UInt32] {
      let ca = channel(a, shift)
      let v = max(0, min(255, ca + (ca - channel(b, shift)) / 2))
      out |= UInt32(v) << shift
    }
    return out
  }

  static func predict(_ mode: Int, _ p: [UInt32], _ i: Int, _ width: Int) -> UInt32 {
    let l = p[i - 1]
    let t = p[i - width]
    let tl = p[i - width - 1]
    let tr = p[i - width + 1]
    switch mode {
    case 1: return l
    case 2: return t
    case 3: return tr
    case 4: return tl
    case 5: return average2(average2(l, tr), t)
    case 6: return average2(l, tl)
    case 7: return average2(l, t)
    case 8: return average2(tl, t)
    case 9: return average2(t, tr)
    case 10: return average2(average2(l, tl), average2(t, tr))
    case 11: return select(l, t, tl)
    case 12: return clampAddSubtractFull(l, t, tl)
    case 13: return clampAddSubtractHalf(average2(l, t), tl)
    default: return 0xFF00_0000
    }
  }

  @inline(__always) static func colorDelta(_ t: UInt32, _ c: UInt32) -> Int {
    (Int(Int8(truncatingIfNeeded: t)) * Int(Int8(truncatingIfNeeded: c))) >> 5
  }

  static func undo(_ transform: Transform, _ input: [UInt32], width: Int, height: Int) -> [UInt32] {
    var p = input
    switch transform {
    case .subtractGreen:
      for i in p.indices {
        let g = (p[i] >> 8) & 0xFF
        p[i] = addPixels(p[i], g << 16 | g)
      }
    case .predictor(let bits, let image):
      let blocksWide = divRoundUp(width, bits)
      for y in 0..<height {
        for x in 0..<width {
          let i = y * width + x
          let prediction: UInt32
          if x == 0 && y == 0 {
            prediction = 0xFF00_0000
          } else if y == 0 {
            prediction = p[i - 1]
          } else if x == 0 {
            prediction = p[i - width]
          } else {
            let mode = Int((image[(y >> bits) * blocksWide + (x >> bits)] >> 8) & 0xF)
            prediction = predict(mode, p, i, width)
          }
          p[i] = addPixels(p[i], prediction)
        }
      }
    case .crossColor(let bits, let image):
      let blocksWide = divRoundUp(width, bits)
      for y in 0..<height {
        for x in 0..<width {
          let i = y * width + x
          let element = image[(y >> bits) * blocksWide + (x >> bits)]
          let pixel = p[i]
          let green = (pixel >> 8) & 0xFF
          var red = Int((pixel >> 16) & 0xFF)
          var blue = Int(pixel & 0xFF)
          red += colorDelta(element, green)
          blue += colorDelta(element >> 8, green)
          blue += colorDelta(element >> 16, UInt32(red & 0xFF))
          p[i] = (pixel & 0xFF00_FF00) | UInt32(red & 0xFF) << 16 | UInt32(blue & 0xFF)
        }
      }
    case .colorIndexing(let table, let widthBits):
      let packedWidth = divRoundUp(width, widthBits)
      let bitsPerIndex = 8 >> widthBits
      let mask = (1 << bitsPerIndex) - 1
      var out = [UInt32](repeating: 0, count: width * height)
      for y in 0..<height {
        for x in 0..<width {
          let packed = Int((input[y * packedWidth + (x >> widthBits)] >> 8) & 0xFF)
          let index = (packed >> ((x & ((1 << widthBits) - 1)) * bitsPerIndex)) & mask
          out[y * width + x] = index < table.count ? table[index] : 0
        }
      }
      return out
    }
    return p
  }

  /// The (dx, dy) of distance codes 1...120 (RFC 9649, 4.2.2), nearest first.
  static let distanceMap: [(Int, Int)] = [
    (0, 1), (1, 0), (1, 1), (-1, 1), (0, 2), (2, 0), (1, 2), (-1, 2), (2, 1), (-2, 1), (2, 2), (-2, 2), (0, 3), (3, 0),
    (1, 3), (-1, 3), (3, 1), (-3, 1), (2, 3), (-2, 3), (3, 2), (-3, 2), (0, 4), (4, 0), (1, 4), (-1, 4), (4, 1), (-4, 1),
    (3, 3), (-3, 3), (2, 4), (-2, 4), (4, 2), (-4, 2), (0, 5), (3, 4), (-3, 4), (4, 3), (-4, 3), (5, 0), (1, 5), (-1, 5),
    (5, 1), (-5, 1), (2, 5), (-2, 5), (5, 2), (-5, 2), (4, 4), (-4, 4), (3, 5), (-3, 5), (5, 3), (-5, 3), (0, 6), (6, 0),
    (1, 6), (-1, 6), (6, 1), (-6, 1), (2, 6), (-2, 6), (6, 2), (-6, 2), (4, 5), (-4, 5), (5, 4), (-5, 4), (3, 6), (-3, 6),
    (6, 3), (-6, 3), (0, 7), (7, 0), (1, 7), (-1, 7), (5, 5), (-5, 5), (7, 1), (-7, 1), (4, 6), (-4, 6), (6, 4), (-6, 4),
    (2, 7), (-2, 7), (7, 2), (-7, 2), (3, 7), (-3, 7), (7, 3), (-7, 3), (5, 6), (-5, 6), (6, 5), (-6, 5), (8, 0), (4, 7),
    (-4, 7), (7, 4), (-7, 4), (8, 1), (8, 2), (6, 6), (-6, 6), (8, 3), (5, 7), (-5, 7), (7, 5), (-7, 5), (8, 4), (6, 7),
    (-6, 7), (7, 6), (-7, 6), (8, 5), (7, 7), (-7, 7), (8, 6), (8, 7),
  ]
}
