/// Packs variable-width codes into bytes least-significant bit first, as DEFLATE (RFC 1951) requires.
struct DeflateBitWriter {
  private(set) var bytes: [UInt8] = []
  private var accumulator: UInt64 = 0
  private var bitCount: UInt64 = 0

  init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  /// Appends the low `count` bits of `value` (count ≤ 32), first bit lowest.
  mutating func write(_ value: UInt32, count: Int) {
    accumulator |= UInt64(value) << bitCount
    bitCount += UInt64(count)
    while bitCount >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: accumulator))
      accumulator >>= 8
      bitCount -= 8
    }
  }

  /// Pads with zero bits to the next byte boundary.
  mutating func alignToByte() {
    if bitCount > 0 {
      bytes.append(UInt8(truncatingIfNeeded: accumulator))
      accumulator = 0
      bitCount = 0
    }
  }

  /// Appends whole bytes; the writer must be byte-aligned.
  mutating func appendAligned<C: Collection>(_ more: C) where C.Element == UInt8 {
    precondition(bitCount == 0, "appendAligned needs a byte-aligned writer")
    bytes.append(contentsOf: more)
  }
}
