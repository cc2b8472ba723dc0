/// The VP8L bit reader: least significant bit first; past the end it reads zeros and counts them.
struct WebPBitReader {
  let data: [UInt8]
  var position = 0
  var buffer: UInt64 = 0
  var count = 0
  var padding = 0

  init(_ data: [UInt8]) { self.data = data }

  /// Tops the buffer up to more than 56 valid bits.
  @inline(__always) mutating func fill() {
    while count <= 56 {
      if position < data.count { buffer |= UInt64(data[position]) << UInt64(count) } else { padding += 8 }
      position += 1
      count += 8
    }
  }

  /// `n` (0...32) bits.
  @inline(__always) mutating func bits(_ n: Int) -> Int {
    if n == 0 { return 0 }
    if count < n { fill() }
    let value = Int(truncatingIfNeeded: buffer & ((1 << UInt64(n)) - 1))
    buffer >>= UInt64(n)
    count -= n
    return value
  }

  /// True when bits past the end of the data were consumed.
  var overran: Bool { count < padding }

  /// One symbol of `code`.
  @inline(__always) mutating func read(_ code: WebPHuffman) throws(ImageDecodeError) -> Int {
    if count < 16 { fill() }
    let (symbol, length) = code.decode(buffer)
    if symbol < 0 { throw .malformed(format: "webp", reason: "invalid prefix code") }
    buffer >>= UInt64(length)
    count -= length
    return symbol
  }
}
