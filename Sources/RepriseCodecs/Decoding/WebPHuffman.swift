/// One prefix code of a lossless WebP (VP8L) image: canonical, read least significant bit first
/// like deflate's, with an 8-bit lookup table and the canonical arrays for longer codes. A code
/// with a single symbol takes no bits.
struct WebPHuffman: Sendable {
  /// Bits looked up at once.
  static let fastBits = 8
  /// Per 8-bit prefix: `length << 12 | symbol`, or 0 when the code is longer.
  var fast = [UInt32](repeating: 0, count: 1 << fastBits)
  var firstCode = [Int32](repeating: 0, count: 17)
  var firstSymbol = [Int32](repeating: 0, count: 17)
  var maxCode = [Int32](repeating: 0, count: 17)
  var symbols: [UInt16] = []
  /// The only symbol, when the code has one.
  var single: Int?

  /// A code from one length per symbol (0: unused).
  init(lengths: [Int]) throws(ImageDecodeError) {
    let used = lengths.indices.filter { lengths[$0] != 0 }
    if used.isEmpty { throw .malformed(format: "webp", reason: "prefix code with no symbols") }
    if used.count == 1 {
      single = used[0]
      return
    }
    var sizes = [Int](repeating: 0, count: 17)
    for l in lengths where l > 0 { sizes[l] += 1 }
    var nextCode = [Int32](repeating: 0, count: 17)
    var code: Int32 = 0
    var k: Int32 = 0
    for i in 1...15 {
      nextCode[i] = code
      firstCode[i] = code
      firstSymbol[i] = k
      code += Int32(sizes[i])
      if code > (1 << i) { throw .malformed(format: "webp", reason: "over-subscribed prefix code") }
      maxCode[i] = code << (16 - i)
      code <<= 1
      k += Int32(sizes[i])
    }
    maxCode[16] = 0x10000
    symbols = [UInt16](repeating: 0, count: used.count)
    for symbol in used {
      let s = lengths[symbol]
      let c = Int(nextCode[s] - firstCode[s] + firstSymbol[s])
      symbols[c] = UInt16(symbol)
      if s <= Self.fastBits {
        var j = Int(InflateHuffman.reverse(UInt32(nextCode[s]), bits: s))
        while j < (1 << Self.fastBits) {
          fast[j] = UInt32(s << 12 | symbol)
          j += 1 << s
        }
      }
      nextCode[s] += 1
    }
  }

  /// The symbol at the bottom of `bits` and its length (length 0 and symbol -1: no code matches).
  @inline(__always) func decode(_ bits: UInt64) -> (symbol: Int, length: Int) {
    if let single { return (single, 0) }
    let entry = fast[Int(truncatingIfNeeded: bits) & ((1 << Self.fastBits) - 1)]
    if entry != 0 { return (Int(entry & 0xFFF), Int(entry >> 12)) }
    let k = Int32(InflateHuffman.reverse(UInt32(truncatingIfNeeded: bits & 0xFFFF), bits: 16))
    var s = Self.fastBits + 1
    while s < 16, k >= maxCode[s] { s += 1 }
    if s >= 16 { return (-1, 0) }
    let b = Int((k >> (16 - Int32(s))) - firstCode[s] + firstSymbol[s])
    if b < 0 || b >= symbols.count { return (-1, 0) }
    return (Int(symbols[b]), s)
  }
}
