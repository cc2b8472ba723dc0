/// One Huffman table of a JPEG file (DHT, ITU T.81 Annex C): a 9-bit lookup for short codes and
/// the canonical `maxCode` / `delta` arrays for longer ones (codes are read most significant bit
/// first).
struct JPEGHuffmanTable: Sendable {
  /// Bits looked up at once.
  static let fastBits = 9
  /// Per 9-bit prefix: `length << 8 | symbol`, or 0 when the code is longer.
  var fast = [UInt16](repeating: 0, count: 1 << fastBits)
  /// Per length 1...16: the code after the last code of that length, left-aligned to 16 bits
  /// (`maxCode[17]` is the sentinel).
  var maxCode = [UInt32](repeating: 0, count: 18)
  /// Per length: index of its first symbol minus its first code.
  var delta = [Int32](repeating: 0, count: 17)
  /// The symbols in code order (up to 256).
  var values = [UInt8](repeating: 0, count: 256)

  /// A table from DHT's 16 code counts and the symbols.
  init(counts: [Int], symbols: [UInt8]) throws(ImageDecodeError) {
    var sizes: [Int] = []
    for length in 1...16 { sizes += [Int](repeating: length, count: counts[length - 1]) }
    var codes = [Int](repeating: 0, count: sizes.count)
    var code = 0
    var k = 0
    for length in 1...16 {
      delta[length] = Int32(k - code)
      while k < sizes.count, sizes[k] == length {
        codes[k] = code
        code += 1
        k += 1
      }
      if code - 1 >= 1 << length, counts[length - 1] > 0 { throw .malformed(format: "jpeg", reason: "bad Huffman table (over-subscribed)") }
      // Left-aligned to 16 bits: a peeked 16-bit value below maxCode[length] has a code this long or shorter.
      maxCode[length] = UInt32(code << (16 - length))
      code <<= 1
    }
    maxCode[17] = UInt32.max
    for (i, symbol) in symbols.enumerated() { values[i] = symbol }
    for i in 0..<sizes.count where sizes[i] <= Self.fastBits {
      let s = sizes[i]
      let first = codes[i] << (Self.fastBits - s)
      for j in 0..<(1 << (Self.fastBits - s)) { fast[first + j] = UInt16(s << 8 | Int(symbols[i])) }
    }
  }
}

extension JPEGHuffmanTable {
  /// An empty table, for scans that do not use one of their slots.
  static let placeholder: JPEGHuffmanTable = try! JPEGHuffmanTable(counts: [Int](repeating: 0, count: 16), symbols: [])
}
