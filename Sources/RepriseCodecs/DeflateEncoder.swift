/// A DEFLATE (RFC 1951) compressor with no dependencies.
///
/// Two strategies:
/// - ``Strategy/fixedHuffman``: one block with the fixed Huffman codes of RFC 1951 §3.2.6 and greedy
///   LZ77 matching (probes at distances 1–4, the previous match's distance and a 3-byte hash). Highly
///   repetitive input, such as PNG scanlines filtered with "Up", becomes a chain of 258-byte matches
///   of 13 bits each (about 1:160, the best fixed codes allow).
/// - ``Strategy/stored``: uncompressed blocks of up to 65,535 bytes, for data that is meant to stay big.
///
/// ```swift
/// let compressed = DeflateEncoder.encode(bytes, strategy: .fixedHuffman)
/// ```
package enum DeflateEncoder {
  /// How the encoder lays out its blocks.
  package enum Strategy: Sendable {
    /// Fixed Huffman codes with LZ77 matches (small output for repetitive data).
    case fixedHuffman
    /// Stored (uncompressed) blocks.
    case stored
  }

  /// The raw DEFLATE stream (no zlib or gzip wrapper) for `input`.
  package static func encode(_ input: [UInt8], strategy: Strategy = .fixedHuffman) -> [UInt8] {
    switch strategy {
    case .fixedHuffman: return encodeFixedHuffman(input)
    case .stored: return encodeStored(input)
    }
  }

  // MARK: - Stored blocks

  private static let maxStoredBlock = 65_535

  private static func encodeStored(_ input: [UInt8]) -> [UInt8] {
    let blockCount = max(1, (input.count + maxStoredBlock - 1) / maxStoredBlock)
    var out = [UInt8]()
    out.reserveCapacity(input.count + blockCount * 5)
    var offset = 0
    for block in 0..<blockCount {
      let length = min(maxStoredBlock, input.count - offset)
      let isFinal: UInt8 = block == blockCount - 1 ? 1 : 0
      out.append(isFinal)  // BFINAL, BTYPE=00, then padding to the byte boundary
      out.append(UInt8(length & 0xFF))
      out.append(UInt8(length >> 8))
      out.append(UInt8(~length & 0xFF))
      out.append(UInt8((~length >> 8) & 0xFF))
      out.append(contentsOf: input[offset..<(offset + length)])
      offset += length
    }
    return out
  }

  // MARK: - Fixed Huffman

  private static let minMatch = 3
  private static let maxMatch = 258
  private static let windowSize = 32_768
  private static let hashBits = 15

  /// Base lengths of length symbols 257...285.
  private static let lengthBases: [Int] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
  ]
  private static let lengthExtraBits: [Int] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  /// Base distances of distance codes 0...29.
  private static let distanceBases: [Int] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
    6145, 8193, 12289, 16385, 24577,
  ]
  private static let distanceExtraBits: [Int] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
  ]

  /// Length 3...258 → index into `lengthBases` (symbol = 257 + index).
  private static let lengthSymbolIndex: [UInt8] = {
    var table = [UInt8](repeating: 0, count: maxMatch + 1)
    for index in 0..<lengthBases.count {
      let upper = index + 1 < lengthBases.count ? lengthBases[index + 1] : maxMatch + 1
      for length in lengthBases[index]..<min(upper, maxMatch + 1) { table[length] = UInt8(index) }
    }
    return table
  }()

  /// Fixed literal/length codes (RFC 1951 §3.2.6), bit-reversed for the LSB-first writer, with their widths.
  private static let literalCodes: [(code: UInt32, width: Int)] = (0..<288).map { symbol in
    let (code, width): (UInt32, Int)
    switch symbol {
    case 0...143: (code, width) = (UInt32(0x30 + symbol), 8)
    case 144...255: (code, width) = (UInt32(0x190 + symbol - 144), 9)
    case 256...279: (code, width) = (UInt32(symbol - 256), 7)
    default: (code, width) = (UInt32(0xC0 + symbol - 280), 8)
    }
    return (reverse(code, width: width), width)
  }

  /// Fixed 5-bit distance codes, bit-reversed.
  private static let distanceCodes: [UInt32] = (0..<30).map { reverse(UInt32($0), width: 5) }

  private static func reverse(_ code: UInt32, width: Int) -> UInt32 {
    var result: UInt32 = 0
    for bit in 0..<width where code & (1 << UInt32(bit)) != 0 { result |= 1 << UInt32(width - 1 - bit) }
    return result
  }

  private static func encodeFixedHuffman(_ input: [UInt8]) -> [UInt8] {
    var writer = DeflateBitWriter(reservingCapacity: min(input.count, 1 << 16) + 64)
    writer.write(1, count: 1)  // BFINAL
    writer.write(1, count: 2)  // BTYPE = 01, fixed Huffman
    input.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, buffer.count > 0 else { return }
      compressBody(UnsafeRawPointer(base), count: buffer.count, into: &writer)
    }
    let endOfBlock = literalCodes[256]
    writer.write(endOfBlock.code, count: endOfBlock.width)
    writer.alignToByte()
    return writer.bytes
  }

  private static func compressBody(_ data: UnsafeRawPointer, count n: Int, into writer: inout DeflateBitWriter) {
    let bytes = data.assumingMemoryBound(to: UInt8.self)
    var head = [Int32](repeating: -1, count: 1 << hashBits)
    var lastDistance = 0
    var i = 0
    head.withUnsafeMutableBufferPointer { head in
      while i < n {
        var bestLength = 0
        var bestDistance = 0
        let available = n - i
        if available >= minMatch {
          let limit = min(maxMatch, available)
          // Short distances first: they cost no extra bits, so they win ties (runs, repeated pixels).
          var probe = 1
          while probe <= 4 && probe <= i && bestLength < limit {
            let length = matchLength(data, i, i - probe, limit)
            if length > bestLength { bestLength = length; bestDistance = probe }
            probe += 1
          }
          if bestLength < limit && lastDistance > 4 && lastDistance <= i {
            let length = matchLength(data, i, i - lastDistance, limit)
            if length > bestLength { bestLength = length; bestDistance = lastDistance }
          }
          let hash = (Int(bytes[i]) << 10 ^ Int(bytes[i + 1]) << 5 ^ Int(bytes[i + 2])) & ((1 << hashBits) - 1)
          let candidate = Int(head[hash])
          head[hash] = Int32(i)
          let distance = i - candidate
          if bestLength < limit && candidate >= 0 && distance <= windowSize && distance > 4 && distance != lastDistance {
            let length = matchLength(data, i, candidate, limit)
            if length > bestLength { bestLength = length; bestDistance = distance }
          }
        }
        if bestLength >= minMatch {
          writeMatch(length: bestLength, distance: bestDistance, into: &writer)
          lastDistance = bestDistance
          i += bestLength
        } else {
          let literal = literalCodes[Int(bytes[i])]
          writer.write(literal.code, count: literal.width)
          i += 1
        }
      }
    }
  }

  /// How many bytes starting at `current` equal those starting at `earlier`, up to `limit`.
  @inline(__always)
  private static func matchLength(_ data: UnsafeRawPointer, _ current: Int, _ earlier: Int, _ limit: Int) -> Int {
    var length = 0
    while length + 8 <= limit {
      let a = data.loadUnaligned(fromByteOffset: current + length, as: UInt64.self)
      let b = data.loadUnaligned(fromByteOffset: earlier + length, as: UInt64.self)
      let difference = a ^ b
      if difference != 0 {
        return length + UInt64(littleEndian: difference).trailingZeroBitCount / 8
      }
      length += 8
    }
    let bytes = data.assumingMemoryBound(to: UInt8.self)
    while length < limit && bytes[current + length] == bytes[earlier + length] { length += 1 }
    return length
  }

  private static func writeMatch(length: Int, distance: Int, into writer: inout DeflateBitWriter) {
    let lengthIndex = Int(lengthSymbolIndex[length])
    let symbol = literalCodes[257 + lengthIndex]
    writer.write(symbol.code, count: symbol.width)
    let lengthExtra = lengthExtraBits[lengthIndex]
    if lengthExtra > 0 { writer.write(UInt32(length - lengthBases[lengthIndex]), count: lengthExtra) }

    var distanceIndex = distanceBases.count - 1
    while distanceBases[distanceIndex] > distance { distanceIndex -= 1 }
    writer.write(distanceCodes[distanceIndex], count: 5)
    let distanceExtra = distanceExtraBits[distanceIndex]
    if distanceExtra > 0 { writer.write(UInt32(distance - distanceBases[distanceIndex]), count: distanceExtra) }
  }
}
