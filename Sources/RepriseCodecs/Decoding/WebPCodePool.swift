/// Every prefix code of one VP8L image flattened into one `Int32` pool, so the pixel loop reads
/// codes through a pointer with no reference counting: per code the 8-bit lookup table, the
/// canonical arrays and the symbols, found by the code's `offset`.
struct WebPCodePool {
  /// Lookup table (256), firstCode (17), firstSymbol (17), maxCode (17), then the symbols.
  var storage: [Int32] = []
  /// Per code: its offset in `storage`, its symbol count, and its only symbol (or -1).
  var offsets: [Int] = []
  var singles: [Int] = []
  var counts: [Int] = []

  /// Adds `code`; returns its index.
  mutating func add(_ code: WebPHuffman) -> Int {
    offsets.append(storage.count)
    singles.append(code.single ?? -1)
    counts.append(code.symbols.count)
    storage += code.fast.map { Int32(bitPattern: $0) }
    storage += code.firstCode + code.firstSymbol + code.maxCode
    storage += code.symbols.map { Int32($0) }
    return offsets.count - 1
  }

  /// The symbol at the bottom of `bits` and its length, for the code at `offset` in `pool`
  /// (symbol -1: no code matches). `single` is the code's only symbol or -1.
  @inline(__always) static func decode(_ bits: UInt64, pool: UnsafePointer<Int32>, offset: Int, single: Int, count: Int) -> (symbol: Int, length: Int) {
    if single >= 0 { return (single, 0) }
    let base = pool + offset
    let entry = UInt32(bitPattern: base[Int(truncatingIfNeeded: bits) & 0xFF])
    if entry != 0 { return (Int(entry & 0xFFF), Int(entry >> 12)) }
    let firstCode = base + 256
    let firstSymbol = base + 256 + 17
    let maxCode = base + 256 + 34
    let k = Int32(InflateHuffman.reverse(UInt32(truncatingIfNeeded: bits & 0xFFFF), bits: 16))
    var s = WebPHuffman.fastBits + 1
    while s < 16, k >= maxCode[s] { s += 1 }
    if s >= 16 { return (-1, 0) }
    let b = Int((k >> (16 - Int32(s))) - firstCode[s] + firstSymbol[s])
    if b < 0 || b >= count { return (-1, 0) }
    return (Int(base[256 + 51 + b]), s)
  }
}
