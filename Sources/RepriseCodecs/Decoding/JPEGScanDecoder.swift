/// Decodes one scan's entropy-coded data (ITU T.81 Annex F and G, Huffman only) into the
/// components' coefficient blocks: sequential (baseline and extended) and the four progressive
/// kinds (DC first and refinement, AC first and refinement, with end-of-band runs), with restart
/// markers every `restartInterval` MCUs. Reading past the data (a marker or the file's end) feeds
/// zero bits; consuming any of them means the data ended early, which throws.
struct JPEGScanDecoder {
  let data: UnsafePointer<UInt8>
  let count: Int
  /// Next byte to read.
  var position: Int
  /// Valid bits, most significant first.
  var bits: UInt64 = 0
  var bitCount = 0
  /// Zero bits fed after the data ended.
  var paddingBits = 0
  var hitMarker = false
  var endOfBandRun = 0

  /// The natural-order index of each zigzag position.
  static let zigzag: [Int] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
    35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
  ]

  init(data: UnsafePointer<UInt8>, count: Int, position: Int) {
    self.data = data
    self.count = count
    self.position = position
  }

  /// The next data byte, with 0xFF00 unstuffed; 0 (counted as padding) at a marker or the end.
  @inline(__always) mutating func nextByte() -> UInt64 {
    if hitMarker || position >= count {
      paddingBits += 8
      return 0
    }
    let byte = data[position]
    if byte != 0xFF {
      position += 1
      return UInt64(byte)
    }
    if position + 1 < count, data[position + 1] == 0 {
      position += 2
      return 0xFF
    }
    hitMarker = true
    paddingBits += 8
    return 0
  }

  /// Tops `bits` up to more than 56 valid bits.
  @inline(__always) mutating func refill() {
    while bitCount <= 56 {
      bits |= nextByte() &<< UInt64(56 - bitCount)
      bitCount += 8
    }
  }

  /// Throws when bits past the end of the data were consumed.
  @inline(__always) func checkOverrun() throws(ImageDecodeError) {
    if bitCount < paddingBits { throw .malformed(format: "jpeg", reason: "entropy-coded data ends early (truncated file?)") }
  }

  /// One Huffman symbol of `table`.
  @inline(__always) mutating func decode(_ table: JPEGHuffmanLookup) throws(ImageDecodeError) -> Int {
    if bitCount < 16 { refill() }
    let entry = table.fast[Int(truncatingIfNeeded: bits &>> 55)]
    if entry != 0 {
      let length = Int(entry >> 8)
      bits &<<= UInt64(length)
      bitCount -= length
      return Int(entry & 0xFF)
    }
    let peek = UInt32(truncatingIfNeeded: bits &>> 48)
    var k = JPEGHuffmanTable.fastBits + 1
    while peek >= table.maxCode[k] { k += 1 }
    if k == 17 { throw .malformed(format: "jpeg", reason: "invalid Huffman code") }
    let index = Int(truncatingIfNeeded: bits &>> UInt64(64 - k)) + Int(table.delta[k])
    if index < 0 || index > 255 { throw .malformed(format: "jpeg", reason: "invalid Huffman code") }
    bits &<<= UInt64(k)
    bitCount -= k
    return Int(table.values[index])
  }

  /// `n` (0...16) raw bits.
  @inline(__always) mutating func bitsValue(_ n: Int) -> Int {
    if n == 0 { return 0 }
    if bitCount < n { refill() }
    let value = Int(truncatingIfNeeded: bits &>> UInt64(64 - n))
    bits &<<= UInt64(n)
    bitCount -= n
    return value
  }

  /// `n` bits as a signed coefficient (T.81 F.2.2.1 EXTEND).
  @inline(__always) mutating func receiveExtend(_ n: Int) -> Int {
    let value = bitsValue(n)
    return value < (1 << (n - 1)) ? value - (1 << n) + 1 : value
  }

  /// Discards buffered bits and steps over the RSTn marker that must follow.
  mutating func restart(after mcu: Int) throws(ImageDecodeError) {
    try checkOverrun()
    bits = 0
    bitCount = 0
    paddingBits = 0
    hitMarker = false
    endOfBandRun = 0
    while position + 1 < count, data[position] == 0xFF, data[position + 1] == 0xFF { position += 1 }
    guard position + 1 < count, data[position] == 0xFF, (0xD0...0xD7).contains(data[position + 1]) else {
      throw .malformed(format: "jpeg", reason: "restart marker missing after MCU \(mcu)")
    }
    position += 2
  }

  /// One block of a sequential scan.
  @inline(__always) mutating func decodeSequential(
    _ block: UnsafeMutablePointer<Int16>, _ component: JPEGComponent, dc: JPEGHuffmanLookup, ac: JPEGHuffmanLookup, zigzag: UnsafePointer<Int>
  ) throws(ImageDecodeError) {
    let t = try decode(dc)
    if t > 16 { throw .malformed(format: "jpeg", reason: "DC difference of \(t) bits") }
    let diff = t == 0 ? 0 : receiveExtend(t)
    component.dcPrediction &+= diff
    block[0] = Int16(truncatingIfNeeded: component.dcPrediction)
    var k = 1
    while k < 64 {
      let rs = try decode(ac)
      let s = rs & 15
      let r = rs >> 4
      if s == 0 {
        if r != 15 { break }
        k += 16
        continue
      }
      k += r
      if k > 63 { throw .malformed(format: "jpeg", reason: "AC coefficient past the end of a block") }
      block[zigzag[k]] = Int16(truncatingIfNeeded: receiveExtend(s))
      k += 1
    }
  }

  /// One block of a progressive DC scan (first or refinement).
  @inline(__always) mutating func decodeDC(
    _ block: UnsafeMutablePointer<Int16>, _ component: JPEGComponent, dc: JPEGHuffmanLookup, refine: Bool, low: Int
  ) throws(ImageDecodeError) {
    if refine {
      if bitsValue(1) != 0 { block[0] |= Int16(truncatingIfNeeded: 1 << low) }
      return
    }
    let t = try decode(dc)
    if t > 16 { throw .malformed(format: "jpeg", reason: "DC difference of \(t) bits") }
    let diff = t == 0 ? 0 : receiveExtend(t)
    component.dcPrediction &+= diff
    block[0] = Int16(truncatingIfNeeded: component.dcPrediction &<< low)
  }

  /// One block of a progressive AC first scan over the band start...end.
  @inline(__always) mutating func decodeACFirst(
    _ block: UnsafeMutablePointer<Int16>, ac: JPEGHuffmanLookup, start: Int, end: Int, low: Int, zigzag: UnsafePointer<Int>
  ) throws(ImageDecodeError) {
    if endOfBandRun > 0 {
      endOfBandRun -= 1
      return
    }
    var k = start
    while k <= end {
      let rs = try decode(ac)
      let s = rs & 15
      let r = rs >> 4
      if s == 0 {
        if r < 15 {
          endOfBandRun = (1 << r) - 1 + bitsValue(r)
          return
        }
        k += 16
        continue
      }
      k += r
      if k > end { throw .malformed(format: "jpeg", reason: "AC coefficient past the end of the band") }
      block[zigzag[k]] = Int16(truncatingIfNeeded: receiveExtend(s) &* (1 << low))
      k += 1
    }
  }

  /// One block of a progressive AC refinement scan.
  @inline(__always) mutating func decodeACRefine(
    _ block: UnsafeMutablePointer<Int16>, ac: JPEGHuffmanLookup, start: Int, end: Int, low: Int, zigzag: UnsafePointer<Int>
  ) throws(ImageDecodeError) {
    let bit = Int16(truncatingIfNeeded: 1 << low)
    var k = start
    if endOfBandRun > 0 {
      endOfBandRun -= 1
      while k <= end {
        let p = block + zigzag[k]
        if p.pointee != 0, bitsValue(1) != 0, p.pointee & bit == 0 { p.pointee = p.pointee > 0 ? p.pointee &+ bit : p.pointee &- bit }
        k += 1
      }
      return
    }
    while k <= end {
      let rs = try decode(ac)
      var s = rs & 15
      var r = rs >> 4
      var value: Int16 = 0
      if s == 0 {
        if r < 15 {
          endOfBandRun = (1 << r) - 1 + bitsValue(r)
          r = 64  // the rest of the band only refines
        }
      } else {
        if s != 1 { throw .malformed(format: "jpeg", reason: "refinement coefficient of \(s) bits") }
        value = bitsValue(1) != 0 ? bit : 0 &- bit
        s = 1
      }
      while k <= end {
        let p = block + zigzag[k]
        k += 1
        if p.pointee != 0 {
          if bitsValue(1) != 0, p.pointee & bit == 0 { p.pointee = p.pointee > 0 ? p.pointee &+ bit : p.pointee &- bit }
        } else {
          if r == 0 {
            if s != 0 { p.pointee = value }
            break
          }
          r -= 1
        }
      }
    }
  }
}
