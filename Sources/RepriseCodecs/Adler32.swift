/// Adler-32 (RFC 1950), the checksum that ends a zlib stream.
///
/// ```swift
/// let value = Adler32.checksum(Array("Wikipedia".utf8))  // 0x11E60398
/// ```
package struct Adler32: Sendable {
  private static let modulus: UInt32 = 65521
  /// Largest run of bytes that cannot overflow the 32-bit sums before reducing (zlib's NMAX).
  private static let maxRun = 5552
  /// Blocks of sixteen bytes summed in 16-bit lanes before they move into 32-bit ones.
  private static let groupBlocks = 22
  /// The weights of sixteen bytes in b: 16 for the first, 1 for the last.
  private static let laneWeights = SIMD16<UInt32>(16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)

  private var a: UInt32 = 1
  private var b: UInt32 = 0

  /// A fresh checksum over zero bytes.
  package init() {}

  /// The Adler-32 of `bytes` in one call.
  package static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
    var adler = Adler32()
    adler.update(bytes)
    return adler.value
  }

  /// Feeds more bytes.
  package mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    let handled: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
      absorb(UnsafeRawBufferPointer(buffer))
      return true
    }
    if handled == nil { Array(bytes).withUnsafeBytes { absorb($0) } }
  }

  /// The checksum of everything fed so far: `b << 16 | a`.
  package var value: UInt32 { b << 16 | a }

  private mutating func absorb(_ input: UnsafeRawBufferPointer) {
    guard let base = input.baseAddress, input.count > 0 else { return }
    let bytes = base.assumingMemoryBound(to: UInt8.self)
    var sumA = a
    var sumB = b
    var offset = 0
    while offset < input.count {
      let end = min(offset + Adler32.maxRun, input.count)
      var i = offset
      // Sixteen bytes at a time in vector lanes, reduced once per run: lane j of `laneA` sums the
      // run's bytes at j mod 16, and `laneB` sums `laneA` as it stood before each block. Byte j of
      // block k then adds 16 (blocks after k) + (16 - j) to b, which is 16 laneB + weights laneA.
      // The blocks go in groups of at most 22 through 16-bit lanes (half the vector work of 32-bit
      // ones): within a group `groupB` gathers `groupA` before each block, so the group adds
      // `blocks x laneA + groupB` to laneB. No 16-bit lane overflows (22 x 255 and 231 x 255 at
      // most) nor a 32-bit one (347 blocks of 0xFF).
      var laneA = SIMD16<UInt32>()
      var laneB = SIMD16<UInt32>()
      let blockStart = i
      while i + 16 <= end {
        var groupA = SIMD16<UInt16>()
        var groupB = SIMD16<UInt16>()
        let groupEnd = min(end, i + 16 * Adler32.groupBlocks)
        var blocks: UInt32 = 0
        while i + 16 <= groupEnd {
          groupB &+= groupA
          groupA &+= SIMD16<UInt16>(truncatingIfNeeded: UnsafeRawPointer(bytes + i).loadUnaligned(as: SIMD16<UInt8>.self))
          i += 16
          blocks += 1
        }
        laneB &+= blocks &* laneA &+ SIMD16<UInt32>(truncatingIfNeeded: groupB)
        laneA &+= SIMD16<UInt32>(truncatingIfNeeded: groupA)
      }
      if i > blockStart {
        let blocks = UInt64((i - blockStart) / 16)
        let weighted = UInt64((laneA &* Adler32.laneWeights).wrappedSum())
        let fromB = 16 &* UInt64(laneB.wrappedSum()) &+ weighted &+ 16 &* blocks &* UInt64(sumA)
        sumB = UInt32((UInt64(sumB) &+ fromB) % UInt64(Adler32.modulus))
        sumA &+= laneA.wrappedSum()
      }
      // Then eight at a time, the same way in scalars.
      while i + 8 <= end {
        let x0 = UInt32(bytes[i]), x1 = UInt32(bytes[i + 1]), x2 = UInt32(bytes[i + 2]), x3 = UInt32(bytes[i + 3])
        let x4 = UInt32(bytes[i + 4]), x5 = UInt32(bytes[i + 5]), x6 = UInt32(bytes[i + 6]), x7 = UInt32(bytes[i + 7])
        sumB &+= 8 &* sumA &+ (8 &* x0 &+ 7 &* x1 &+ 6 &* x2 &+ 5 &* x3 &+ 4 &* x4 &+ 3 &* x5 &+ 2 &* x6 &+ x7)
        sumA &+= x0 &+ x1 &+ x2 &+ x3 &+ x4 &+ x5 &+ x6 &+ x7
        i += 8
      }
      while i < end {
        sumA &+= UInt32(bytes[i])
        sumB &+= sumA
        i += 1
      }
      sumA %= Adler32.modulus
      sumB %= Adler32.modulus
      offset = end
    }
    a = sumA
    b = sumB
  }
}
