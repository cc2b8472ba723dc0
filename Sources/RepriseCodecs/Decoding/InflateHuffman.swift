/// A canonical Huffman code of deflate, read as zlib writes it (least significant bit first):
/// a 10-bit lookup table for the short codes and the canonical first-code arrays for longer ones.
/// Storage is caller-owned (`Inflater` keeps two of these in one allocation).
struct InflateHuffman {
  /// Bits looked up at once.
  static let fastBits = 10
  /// `1 << fastBits` entries: `symbol << 6 | length`, or 0 when the code is longer. The length in
  /// the low bits lets the decoder shift the bit buffer by the entry itself (a shift uses the low
  /// six bits of its count), one step less between a table load and the next.
  let fast: UnsafeMutablePointer<UInt16>
  /// Per length 0...16: the first canonical code, the index of its first symbol, and the code
  /// after the last one shifted to 16 bits (`maxCode[16]` is 0x10000).
  let firstCode: UnsafeMutablePointer<Int32>
  let firstSymbol: UnsafeMutablePointer<Int32>
  let maxCode: UnsafeMutablePointer<Int32>
  /// Symbols in canonical order.
  let symbols: UnsafeMutablePointer<UInt16>

  /// Tables carved from `storage`, which must hold `InflateHuffman.storageBytes` bytes.
  init(storage: UnsafeMutableRawPointer) {
    fast = storage.bindMemory(to: UInt16.self, capacity: 1 << Self.fastBits)
    let ints = (storage + 2 << Self.fastBits).bindMemory(to: Int32.self, capacity: 51)
    firstCode = ints
    firstSymbol = ints + 17
    maxCode = ints + 34
    symbols = (storage + (2 << Self.fastBits) + 51 * 4 + 4).bindMemory(to: UInt16.self, capacity: 288)
  }

  /// Bytes one code's tables take.
  static let storageBytes = (2 << fastBits) + 51 * 4 + 4 + 288 * 2

  /// Builds the code from `count` code lengths (0 = symbol unused). Incomplete codes are allowed
  /// (deflate's single distance code); over-subscribed ones are not.
  func build(lengths: UnsafePointer<UInt8>, count: Int) throws(InflateError) {
    fast.initialize(repeating: 0, count: 1 << Self.fastBits)
    var sizes = [Int](repeating: 0, count: 17)
    do {
      for i in 0..<count { sizes[Int(lengths[i])] += 1 }
      sizes[0] = 0
      var nextCode = [Int32](repeating: 0, count: 17)
      var code: Int32 = 0
      var k: Int32 = 0
      for i in 1..<16 {
        if sizes[i] > (1 << i) { throw InflateError("bad Huffman code lengths") }
        nextCode[i] = code
        firstCode[i] = code
        firstSymbol[i] = k
        code += Int32(sizes[i])
        if sizes[i] != 0, code - 1 >= (1 << i) { throw InflateError("over-subscribed Huffman code") }
        maxCode[i] = code << (16 - i)
        code <<= 1
        k += Int32(sizes[i])
      }
      maxCode[16] = 0x10000
      for i in 0..<count {
        let s = Int(lengths[i])
        guard s != 0 else { continue }
        let c = Int(nextCode[s] - firstCode[s] + firstSymbol[s])
        symbols[c] = UInt16(i)
        if s <= Self.fastBits {
          var j = Int(Self.reverse(UInt32(nextCode[s]), bits: s))
          while j < (1 << Self.fastBits) {
            fast[j] = UInt16(i << 6 | s)
            j += 1 << s
          }
        }
        nextCode[s] += 1
      }
    }
  }

  /// The low `bits` bits of `value`, reversed.
  @inline(__always) static func reverse(_ value: UInt32, bits: Int) -> UInt32 {
    var v = value
    v = ((v & 0xAAAA) >> 1) | ((v & 0x5555) << 1)
    v = ((v & 0xCCCC) >> 2) | ((v & 0x3333) << 2)
    v = ((v & 0xF0F0) >> 4) | ((v & 0x0F0F) << 4)
    v = ((v & 0xFF00) >> 8) | ((v & 0x00FF) << 8)
    return v >> (16 - UInt32(bits))
  }

  /// The symbol for a code longer than `fastBits` at the bottom of `bits`, and its length; length
  /// 0 when no code matches.
  @inline(never) func slowDecode(_ bits: UInt64) -> (symbol: Int, length: Int) {
    let k = Int32(Self.reverse(UInt32(truncatingIfNeeded: bits & 0xFFFF), bits: 16))
    var s = Self.fastBits + 1
    while s < 16, k >= maxCode[s] { s += 1 }
    if s >= 16 { return (0, 0) }
    let b = Int((k >> (16 - Int32(s))) - firstCode[s] + firstSymbol[s])
    if b < 0 || b >= 288 { return (0, 0) }
    return (Int(symbols[b]), s)
  }
}
