/// The working state of one inflate: the bit reader over the input, the output cursor and the two
/// Huffman codes of the current block. `Inflater` is the entry point.
///
/// The input may come in pieces (a PNG's IDAT chunks, read where they are in the file): the bit
/// reader moves to the next piece when it reaches a piece's end. The output may be a window the
/// caller slides: `resume` stops at a symbol boundary once `outPos` reaches `pauseAt` (or the
/// window is full, in a stored block) and carries on from there when called again.
struct InflateState {
  /// The current input piece and its length.
  var input: UnsafePointer<UInt8>
  var inputCount: Int
  /// Where the reader is among the pieces: behind a pointer, so that the Huffman loop keeps one
  /// register for it, used only when a piece ends.
  struct Cursor {
    /// All input pieces.
    let pieces: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>
    /// The piece `input` is.
    var piece = 0
    /// Input bytes in the pieces before it.
    var base = 0
  }
  let cursor: UnsafeMutablePointer<Cursor>
  var pieces: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>> { cursor.pointee.pieces }
  var piece: Int {
    get { cursor.pointee.piece }
    nonmutating set { cursor.pointee.piece = newValue }
  }
  var inputBase: Int {
    get { cursor.pointee.base }
    nonmutating set { cursor.pointee.base = newValue }
  }
  /// Input bytes in all the pieces.
  let inputTotal: Int
  let output: UnsafeMutablePointer<UInt8>
  /// Where output must stop: the end of the room, or of what the caller allows.
  var outputCount: Int
  /// Output position from which `resume` returns at the next symbol boundary (`Int.max`: never).
  /// At least `InflateState.pauseSlack` below `outputCount`, so the symbol in progress fits.
  var pauseAt = Int.max
  /// Output one step of the Huffman loop can write at most (a 258-byte match, or fewer literals).
  static let pauseSlack = 266
  /// Where the inflate stands between calls of `resume`.
  enum Phase {
    case blockHeader
    case huffman
    case stored(remaining: Int)
    case done
  }
  var phase = Phase.blockHeader
  /// The block in progress is the stream's last.
  var finalBlock = false
  /// The Huffman loop tries the pair table first (`buildPairs` has filled it for this block's code).
  var usePairs = false
  /// Next input byte not yet in `bits`.
  var inPos = 0
  /// Bits read ahead, least significant first; `bitCount` of them are valid.
  var bits: UInt64 = 0
  var bitCount = 0
  /// Next output byte.
  var outPos = 0
  let storage: UnsafeMutableRawPointer
  let lengthCode: InflateHuffman
  let distanceCode: InflateHuffman
  /// Two literals at once: `1 << pairBits` entries of `bits | first << 8 | second << 16` for the
  /// bit patterns that start with two literal codes together at most `pairBits` long, else 0.
  let pairs: UnsafeMutablePointer<UInt32>
  /// Bits the pair table looks up.
  static let pairBits = 11
  /// Bytes of the tables: three codes (literal/length, distance, code-length code), slack, pairs.
  static let storageBytes = 3 * InflateHuffman.storageBytes + 512 + 4 << pairBits

  /// RFC 1951 3.2.5: base lengths and extra bits of length codes 257...285, base distances and
  /// extra bits of distance codes 0...29, and the order code-length code lengths are sent in.
  static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
  static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
  static let distanceBase: [UInt16] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  static let distanceExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
  static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  /// One piece of input (`pieces` holds only it; it must stay valid while the state is used).
  init(input: UnsafeBufferPointer<UInt8>, output: UnsafeMutableBufferPointer<UInt8>) {
    self.init(pieces: UnsafeBufferPointer(start: nil, count: 0), first: input, total: input.count, output: output)
  }

  /// Input in `pieces` (which must stay valid while the state is used; at least one).
  init(pieces: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, output: UnsafeMutableBufferPointer<UInt8>) {
    self.init(pieces: pieces, first: pieces[0], total: pieces.reduce(0) { $0 + $1.count }, output: output)
  }

  private init(
    pieces: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, first: UnsafeBufferPointer<UInt8>, total: Int, output: UnsafeMutableBufferPointer<UInt8>
  ) {
    // An empty buffer may have no base address; any valid pointer does for zero bytes.
    self.input = first.baseAddress ?? UnsafePointer(bitPattern: 1)!
    inputCount = first.count
    cursor = UnsafeMutablePointer<Cursor>.allocate(capacity: 1)
    cursor.initialize(to: Cursor(pieces: pieces))
    inputTotal = total
    self.output = output.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
    outputCount = output.count
    // A third table set for the code-length code is carved from the same block.
    storage = UnsafeMutableRawPointer.allocate(byteCount: Self.storageBytes, alignment: 16)
    storage.initializeMemory(as: UInt8.self, repeating: 0, count: Self.storageBytes)
    lengthCode = InflateHuffman(storage: storage)
    distanceCode = InflateHuffman(storage: storage + InflateHuffman.storageBytes)
    pairs = (storage + 3 * InflateHuffman.storageBytes + 512).bindMemory(to: UInt32.self, capacity: 1 << Self.pairBits)
  }

  /// Frees the tables.
  func release() {
    storage.deallocate()
    cursor.deallocate()
  }

  /// Bits consumed so far (can exceed the input when reading ran past its end).
  var consumedBits: Int { (inputBase + inPos) * 8 - bitCount }

  /// The byte after the last consumed bit, rounded up to a byte boundary.
  var alignedBytePosition: Int { (consumedBits + 7) / 8 }

  /// Tops `bits` up to 56...63 valid bits; past the end of input, zeros are read.
  @inline(__always) mutating func refill() {
    Self.refill(&bits, &bitCount, &inPos, &input, &inputCount, cursor)
  }

  /// Takes `n` (at most 32) bits; the caller has refilled.
  @inline(__always) mutating func take(_ n: Int) -> Int {
    let value = Int(truncatingIfNeeded: bits & ((1 &<< UInt64(n)) &- 1))
    bits &>>= UInt64(n)
    bitCount -= n
    return value
  }

  /// Decodes one symbol of `code`; the caller has refilled.
  @inline(__always) mutating func decode(_ code: InflateHuffman) throws(InflateError) -> Int {
    let entry = Int(code.fast[Int(truncatingIfNeeded: bits) & ((1 << InflateHuffman.fastBits) - 1)])
    if entry != 0 {
      let length = entry & 63
      bits &>>= UInt64(length)
      bitCount -= length
      return entry >> 6
    }
    let (symbol, length) = code.slowDecode(bits)
    if length == 0 { throw InflateError("invalid Huffman code") }
    bits &>>= UInt64(length)
    bitCount -= length
    return symbol
  }

  /// Inflates blocks until the final one.
  mutating func run() throws(InflateError) {
    pauseAt = Int.max
    _ = try resume()
  }

  /// Inflates until the end of the final block (returns true) or until output reaches `pauseAt`
  /// (false; call again to go on). With `pauseAt` at `Int.max`, output past `outputCount` is an
  /// overflow error; otherwise a stored block pauses when the room is full.
  mutating func resume() throws(InflateError) -> Bool {
    while true {
      switch phase {
      case .done: return true
      case .blockHeader:
        refill()
        if consumedBits > inputTotal * 8 { throw InflateError("deflate data ends early") }
        finalBlock = take(1) == 1
        switch take(2) {
        case 0: try storedHeader()
        case 1:
          try fixedCodes()
          phase = .huffman
        case 2:
          try dynamicCodes()
          phase = .huffman
        default: throw InflateError("invalid deflate block type 3")
        }
      case .huffman:
        guard try huffmanBlock() else { return false }
        try endBlock()
      case .stored(let remaining):
        let count = min(remaining, outputCount - outPos)
        var copied = 0
        while copied < count {
          let run = min(count - copied, inputCount - inPos)
          if run == 0 {
            seek(inputBase + inPos)  // at this piece's end: on to the next
            continue
          }
          (output + outPos + copied).update(from: input + inPos, count: run)
          inPos += run
          copied += run
        }
        outPos += count
        if count < remaining {
          if pauseAt == Int.max { throw InflateError("more data than expected", overflow: true) }
          phase = .stored(remaining: remaining - count)
          return false
        }
        try endBlock()
      }
    }
  }

  /// After a block: the next block's header, or the end (checking the input did not run out).
  mutating func endBlock() throws(InflateError) {
    if !finalBlock {
      phase = .blockHeader
      return
    }
    phase = .done
    if consumedBits > inputTotal * 8 { throw InflateError("deflate data ends early") }
  }

  /// A stored block's header: aligned LEN and NLEN, checked; its LEN bytes are copied by `resume`.
  mutating func storedHeader() throws(InflateError) {
    _ = take(bitCount & 7)
    var position = inputBase + inPos - bitCount / 8
    guard position + 4 <= inputTotal else { throw InflateError("deflate data ends early (stored block header)") }
    seek(position)
    let length = Int(byte(at: position)) | Int(byte(at: position + 1)) << 8
    let complement = Int(byte(at: position + 2)) | Int(byte(at: position + 3)) << 8
    if length != complement ^ 0xFFFF { throw InflateError("stored block length does not match its complement") }
    position += 4
    guard position + length <= inputTotal else { throw InflateError("deflate data ends early (stored block)") }
    if pauseAt == Int.max, outPos + length > outputCount { throw InflateError("more data than expected", overflow: true) }
    seek(position)
    phase = .stored(remaining: length)
  }

  /// The fixed Huffman codes of block type 1.
  mutating func fixedCodes() throws(InflateError) {
    var lengths = [UInt8](repeating: 8, count: 288)
    for i in 144..<256 { lengths[i] = 9 }
    for i in 256..<280 { lengths[i] = 7 }
    try lengths.withUnsafeBufferPointer { buffer throws(InflateError) in try lengthCode.build(lengths: buffer.baseAddress!, count: 288) }
    let distances = [UInt8](repeating: 5, count: 32)
    try distances.withUnsafeBufferPointer { buffer throws(InflateError) in try distanceCode.build(lengths: buffer.baseAddress!, count: 32) }
    usePairs = false  // literals of 8 and 9 bits: no two fit in `pairBits`
  }

  /// The share of bit patterns that start with two literals fitting in `pairBits` together, for
  /// literal code lengths `lengths[0..<256]` (a code of length l starts 2^-l of all patterns).
  static func pairShare(_ lengths: UnsafePointer<UInt8>) -> Double {
    var mass = [Double](repeating: 0, count: 16)
    for symbol in 0..<256 where lengths[symbol] != 0 { mass[Int(lengths[symbol])] += 1 / Double(1 << Int(lengths[symbol])) }
    var share = 0.0
    for first in 1..<pairBits {
      for second in 1...(pairBits - first) { share += mass[first] * mass[second] }
    }
    return share
  }

  /// Reads a dynamic block's code-length code, then its literal/length and distance codes.
  mutating func dynamicCodes() throws(InflateError) {
    refill()
    let literalCount = take(5) + 257
    let distanceCount = take(5) + 1
    let codeLengthCount = take(4) + 4
    if literalCount > 286 { throw InflateError("\(literalCount) literal/length codes (at most 286)") }
    if distanceCount > 30 { throw InflateError("\(distanceCount) distance codes (at most 30)") }
    var codeLengthLengths = [UInt8](repeating: 0, count: 19)
    refill()
    for i in 0..<codeLengthCount {
      if i == 14 { refill() }
      codeLengthLengths[Self.codeLengthOrder[i]] = UInt8(take(3))
    }
    let codeLengthCode = InflateHuffman(storage: storage + 2 * InflateHuffman.storageBytes)
    try codeLengthLengths.withUnsafeBufferPointer { buffer throws(InflateError) in try codeLengthCode.build(lengths: buffer.baseAddress!, count: 19) }
    let total = literalCount + distanceCount
    var lengths = [UInt8](repeating: 0, count: total)
    var i = 0
    while i < total {
      refill()
      let symbol = try decode(codeLengthCode)
      switch symbol {
      case 0..<16:
        lengths[i] = UInt8(symbol)
        i += 1
      case 16:
        if i == 0 { throw InflateError("repeated code length with no previous length") }
        let count = 3 + take(2)
        if i + count > total { throw InflateError("code lengths overflow") }
        let previous = lengths[i - 1]
        for j in i..<(i + count) { lengths[j] = previous }
        i += count
      default:
        let count = symbol == 17 ? 3 + take(3) : 11 + take(7)
        if i + count > total { throw InflateError("code lengths overflow") }
        i += count
      }
      if consumedBits > inputTotal * 8 { throw InflateError("deflate data ends early (code lengths)") }
    }
    if lengths[256] == 0 { throw InflateError("no end-of-block code") }
    try lengths.withUnsafeBufferPointer { buffer throws(InflateError) in
      try lengthCode.build(lengths: buffer.baseAddress!, count: literalCount)
      try distanceCode.build(lengths: buffer.baseAddress! + literalCount, count: distanceCount)
      // Trying pairs first pays when most patterns hold one (short literal codes, as in a smooth
      // 8-bit image: 96 % of them); with few (24 % in a noisy 16-bit one) the failed try costs
      // more than the pairs save, and so does building the table.
      usePairs = Self.pairShare(buffer.baseAddress!) >= 0.5
    }
    if usePairs { buildPairs() }
  }

  /// Tops `bits` up to at least 56 valid bits (the same as `refill`, on locals the optimiser keeps
  /// in registers).
  @inline(__always) static func refill(
    _ bits: inout UInt64, _ bitCount: inout Int, _ inPos: inout Int, _ input: inout UnsafePointer<UInt8>, _ count: inout Int,
    _ cursor: UnsafeMutablePointer<Cursor>
  ) {
    if inPos + 8 <= count {
      bits |= UInt64(littleEndian: UnsafeRawPointer(input + inPos).loadUnaligned(as: UInt64.self)) &<< UInt64(bitCount)
      inPos &+= (63 &- bitCount) &>> 3
      bitCount |= 56
    } else {
      // By value, not inout: the loop's bit buffer stays in registers (no address is taken).
      (bits, bitCount, inPos, input, count) = refillSlowly(bits, bitCount, inPos, input, count, cursor)
    }
  }

  /// Byte by byte near a piece's end: on into the next piece (skipping empty ones), zeros after the last.
  @inline(never) static func refillSlowly(
    _ bits: UInt64, _ bitCount: Int, _ inPos: Int, _ input: UnsafePointer<UInt8>, _ count: Int, _ cursor: UnsafeMutablePointer<Cursor>
  ) -> (UInt64, Int, Int, UnsafePointer<UInt8>, Int) {
    let pieces = cursor.pointee.pieces
    var (bits, bitCount, inPos, input, count) = (bits, bitCount, inPos, input, count)
    // Up to 56...63 bits, never 64: the fast path's shift and byte count need `bitCount < 64`.
    while bitCount < 56 {
      if inPos >= count, cursor.pointee.piece + 1 < pieces.count {
        cursor.pointee.base += count
        cursor.pointee.piece += 1
        input = pieces[cursor.pointee.piece].baseAddress ?? UnsafePointer(bitPattern: 1)!
        count = pieces[cursor.pointee.piece].count
        inPos = 0
        continue
      }
      if inPos < count { bits |= UInt64(input[inPos]) &<< UInt64(bitCount) }
      inPos += 1
      bitCount += 8
    }
    return (bits, bitCount, inPos, input, count)
  }

  /// Moves the reader to input byte `offset` of all the pieces, with no bits read ahead.
  mutating func seek(_ offset: Int) {
    bits = 0
    bitCount = 0
    if offset < inputBase {  // back into an earlier piece (bits read ahead from it): from the first
      piece = 0
      inputBase = 0
      input = pieces[0].baseAddress ?? UnsafePointer(bitPattern: 1)!
      inputCount = pieces[0].count
    }
    while offset - inputBase >= inputCount, piece + 1 < pieces.count {
      inputBase += inputCount
      piece += 1
      input = pieces[piece].baseAddress ?? UnsafePointer(bitPattern: 1)!
      inputCount = pieces[piece].count
    }
    inPos = offset - inputBase
  }

  /// Input byte `offset` of all the pieces (at or after the current piece's start; in range).
  func byte(at offset: Int) -> UInt8 {
    var at = offset - inputBase
    if at < inputCount { return input[at] }
    at -= inputCount
    var index = piece + 1
    while at >= pieces[index].count {
      at -= pieces[index].count
      index += 1
    }
    return pieces[index][at]
  }

  /// Fills `pairs` from the literal/length code's fast table: for each `pairBits`-bit pattern, the
  /// first code (a literal no longer than the pattern) and the code after it, when that is a
  /// literal too and both fit in the pattern (a prefix code: what the known bits match is the code).
  func buildPairs() {
    let fast = lengthCode.fast
    let fastMask = (1 << InflateHuffman.fastBits) - 1
    for j in 0..<(1 << Self.pairBits) {
      let first = Int(fast[j & fastMask])
      let firstLength = first & 63
      var value: UInt32 = 0
      if first != 0, first >> 6 < 256, firstLength < Self.pairBits {
        let second = Int(fast[(j >> firstLength) & fastMask])
        let total = firstLength + second & 63
        if second != 0, second >> 6 < 256, total <= Self.pairBits {
          value = UInt32(total) | UInt32(first >> 6) << 8 | UInt32(second >> 6) << 16
        }
      }
      pairs[j] = value
    }
  }

  /// Decodes literals and matches until the end-of-block code (returns true) or until output
  /// reaches `pauseAt` (false). The hot loop of PNG decoding: the bit reader lives in locals, and
  /// after each refill up to three literals are taken (a refill leaves at least 56 bits; a literal
  /// takes at most 15). `buildPairs` has run for the block's code.
  mutating func huffmanBlock() throws(InflateError) -> Bool {
    let out = output
    let capacity = outputCount
    let pauseAt = self.pauseAt
    var input = self.input
    var count = inputCount
    let cursor = self.cursor
    let literalFast = lengthCode.fast
    let distanceFast = distanceCode.fast
    let mask = (1 << InflateHuffman.fastBits) - 1
    let pairs = self.pairs
    let pairTries = usePairs ? 4 : 0
    let pairMask = (1 << Self.pairBits) - 1
    var position = outPos
    var bits = self.bits
    var bitCount = self.bitCount
    var inPos = self.inPos
    defer {
      outPos = position
      self.bits = bits
      self.bitCount = bitCount
      self.inPos = inPos
      self.input = input
      inputCount = count
    }
    while true {
      if position >= pauseAt { return false }
      Self.refill(&bits, &bitCount, &inPos, &input, &count, cursor)
      // Up to four literal pairs (44 bits; a refill leaves at least 56), then refill again; the
      // one-symbol path below runs only when the next codes are not two literals.
      var taken = 0
      while taken < pairTries {
        let pair = pairs[Int(truncatingIfNeeded: bits) & pairMask]
        if pair == 0 { break }
        guard position + 2 <= capacity else { throw InflateError("more data than expected", overflow: true) }
        UnsafeMutableRawPointer(out + position).storeBytes(of: UInt16(truncatingIfNeeded: pair >> 8).littleEndian, as: UInt16.self)
        position &+= 2
        bits &>>= UInt64(pair)  // by `pair & 63`, the bits used
        bitCount &-= Int(pair & 63)
        taken += 1
      }
      if taken > 0 { continue }
      var symbol: Int
      var entry = Int(literalFast[Int(truncatingIfNeeded: bits) & mask])
      if entry != 0 {
        bits &>>= UInt64(entry)  // by `entry & 63`, the code's length
        bitCount &-= entry & 63
        symbol = entry >> 6
      } else {
        let (slowSymbol, length) = lengthCode.slowDecode(bits)
        if length == 0 { throw InflateError("invalid Huffman code") }
        bits &>>= UInt64(length)
        bitCount &-= length
        symbol = slowSymbol
      }
      if symbol < 256 {
        guard position < capacity else { throw InflateError("more data than expected", overflow: true) }
        out[position] = UInt8(truncatingIfNeeded: symbol)
        position &+= 1
        // Two more literals while the fast table has them and bits remain.
        for _ in 0..<2 {
          entry = Int(literalFast[Int(truncatingIfNeeded: bits) & mask])
          guard entry != 0, entry < 256 << 6, entry & 63 <= bitCount else { break }
          guard position < capacity else { throw InflateError("more data than expected", overflow: true) }
          bits &>>= UInt64(entry)
          bitCount &-= entry & 63
          out[position] = UInt8(truncatingIfNeeded: entry >> 6)
          position &+= 1
        }
        continue
      }
      if symbol == 256 { return true }
      let lengthIndex = symbol - 257
      if lengthIndex >= 29 { throw InflateError("invalid length code \(symbol)") }
      let lengthExtra = Int(Self.lengthExtra[lengthIndex])
      let length = Int(Self.lengthBase[lengthIndex]) + Int(truncatingIfNeeded: bits & ((1 &<< UInt64(lengthExtra)) &- 1))
      bits &>>= UInt64(lengthExtra)
      bitCount &-= lengthExtra
      // At most 15 + 5 bits were used since the refill: 36 remain, enough for a distance code.
      var distanceSymbol: Int
      entry = Int(distanceFast[Int(truncatingIfNeeded: bits) & mask])
      if entry != 0 {
        bits &>>= UInt64(entry)
        bitCount &-= entry & 63
        distanceSymbol = entry >> 6
      } else {
        let (slowSymbol, codeLength) = distanceCode.slowDecode(bits)
        if codeLength == 0 { throw InflateError("invalid Huffman code") }
        bits &>>= UInt64(codeLength)
        bitCount &-= codeLength
        distanceSymbol = slowSymbol
      }
      if distanceSymbol >= 30 { throw InflateError("invalid distance code \(distanceSymbol)") }
      Self.refill(&bits, &bitCount, &inPos, &input, &count, cursor)
      let distanceExtra = Int(Self.distanceExtra[distanceSymbol])
      let distance = Int(Self.distanceBase[distanceSymbol]) + Int(truncatingIfNeeded: bits & ((1 &<< UInt64(distanceExtra)) &- 1))
      bits &>>= UInt64(distanceExtra)
      bitCount &-= distanceExtra
      if distance > position { throw InflateError("distance \(distance) reaches before the start of the data") }
      guard position + length <= capacity else { throw InflateError("more data than expected", overflow: true) }
      var source = out + (position - distance)
      var target = out + position
      let end = target + length
      if distance == 1 {
        // A run of one byte (what a flat area or an Up-filtered row of zeros compresses to).
        target.update(repeating: source.pointee, count: length)
        position &+= length
        continue
      }
      if distance < 8 {
        // From `period` bytes in (the smallest multiple of `distance` that is at least 8), each
        // byte equals the one `period` back, which is already written: copy those bytes singly,
        // then read `period` back, eight bytes at a time.
        let period = distance * ((8 + distance - 1) / distance)
        let single = min(length, period - distance)
        for i in 0..<single { target[i] = source[i] }
        target += single
        source = target - period
      }
      if target - source >= 8 {
        // Eight bytes at a time; overlapping reads are safe because the gap is at least 8.
        while target + 8 <= end {
          UnsafeMutableRawPointer(target).storeBytes(of: UnsafeRawPointer(source).loadUnaligned(as: UInt64.self), as: UInt64.self)
          target += 8
          source += 8
        }
      }
      while target < end {
        target.pointee = source.pointee
        target += 1
        source += 1
      }
      position &+= length
    }
  }
}
