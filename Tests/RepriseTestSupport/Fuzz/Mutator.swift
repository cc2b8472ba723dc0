/// Deterministic byte-level mutation of seed inputs, in the style of AFL and libFuzzer without
/// coverage feedback: bit flips, interesting values, inserts, deletes, duplications, splices
/// between corpus items, dictionary tokens, deep nesting, huge numbers and truncation, stacked a
/// few at a time.
///
/// ```swift
/// let mutator = Mutator(corpus: [Array("{\"a\":1}".utf8)], dictionary: FuzzDictionary.json)
/// var rng = SplitMix64(seed: 1)
/// let input = mutator.next(&rng)
/// ```
public struct Mutator: Sendable {
  /// The seed inputs mutations start from; never empty.
  public let corpus: [[UInt8]]
  /// Tokens inserted or written over the input.
  public let dictionary: [[UInt8]]
  /// Inputs never grow beyond this many bytes.
  public let maxLength: Int

  /// A mutator over `corpus` (at least one item; an empty corpus stands for one empty input).
  public init(corpus: [[UInt8]], dictionary: [[UInt8]] = FuzzDictionary.json, maxLength: Int = 1 << 20) {
    self.corpus = corpus.isEmpty ? [[]] : corpus
    self.dictionary = dictionary.isEmpty ? [[0]] : dictionary
    self.maxLength = maxLength
  }

  /// A corpus item with a stack of mutations: usually 1 to 4, sometimes up to 32.
  public func next(_ rng: inout SplitMix64) -> [UInt8] {
    var bytes = rng.pick(corpus)
    let rounds = rng.chance(85) ? rng.inRange(1...4) : rng.inRange(5...32)
    for _ in 0..<rounds { mutate(&bytes, &rng) }
    return bytes
  }

  /// Applies one random mutation to `bytes` in place.
  public func mutate(_ bytes: inout [UInt8], _ rng: inout SplitMix64) {
    if bytes.isEmpty {
      bytes = rng.chance(50) ? rng.pick(dictionary) : rng.pick(corpus)
      if bytes.isEmpty { bytes = [rng.pick(Mutator.interestingBytes)] }
      return
    }
    switch rng.below(20) {
    case 0:  // flip one bit
      let i = rng.below(bytes.count)
      bytes[i] ^= 1 << UInt8(rng.below(8))
    case 1:  // a random byte
      bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
    case 2:  // an interesting byte
      bytes[rng.below(bytes.count)] = rng.pick(Mutator.interestingBytes)
    case 3:  // small arithmetic on a byte
      let i = rng.below(bytes.count)
      bytes[i] = bytes[i] &+ UInt8(truncatingIfNeeded: rng.inRange(-16...16))
    case 4:  // an interesting 16- or 32-bit value, either byte order (lengths, sizes)
      let value = rng.pick(Mutator.interestingWords)
      let width = rng.chance(50) ? 2 : 4
      let i = rng.below(bytes.count)
      var word = (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64(width - 1 - $0))) }
      if rng.chance(50) { word.reverse() }
      overwrite(&bytes, at: i, with: word)
    case 5:  // insert random bytes
      let count = rng.small(limit: 32)
      insert(&bytes, at: rng.below(bytes.count + 1), (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
    case 6, 7:  // delete a range
      let start = rng.below(bytes.count)
      let length = min(bytes.count - start, rng.small(limit: max(1, bytes.count / 2)))
      bytes.removeSubrange(start..<(start + length))
    case 8:  // duplicate a range somewhere else
      let start = rng.below(bytes.count)
      let length = min(bytes.count - start, rng.small(limit: 256))
      insert(&bytes, at: rng.below(bytes.count + 1), Array(bytes[start..<(start + length)]))
    case 9:  // copy a range over another
      let start = rng.below(bytes.count)
      let length = min(bytes.count - start, rng.small(limit: 64))
      overwrite(&bytes, at: rng.below(bytes.count), with: Array(bytes[start..<(start + length)]))
    case 10:  // splice: this input's head and another corpus item's tail
      let other = rng.pick(corpus)
      guard !other.isEmpty else { return }
      let head = rng.below(bytes.count + 1)
      let tail = rng.below(other.count)
      bytes = Array(bytes[0..<head]) + Array(other[tail...].prefix(max(0, maxLength - head)))
    case 11:  // insert a piece of another corpus item
      let other = rng.pick(corpus)
      guard !other.isEmpty else { return }
      let start = rng.below(other.count)
      let length = min(other.count - start, rng.small(limit: 512))
      insert(&bytes, at: rng.below(bytes.count + 1), Array(other[start..<(start + length)]))
    case 12, 13:  // insert a dictionary token
      insert(&bytes, at: rng.below(bytes.count + 1), rng.pick(dictionary))
    case 14:  // write a dictionary token over the input
      overwrite(&bytes, at: rng.below(bytes.count), with: rng.pick(dictionary))
    case 15:  // truncate
      bytes.removeSubrange(rng.below(bytes.count)...)
    case 16:  // replace a run of digits with an extreme number
      replaceNumber(&bytes, &rng)
    case 17:  // deep nesting, closed or not
      let depth = rng.chance(50) ? rng.inRange(60...70) : rng.inRange(1...3000)
      let open: [UInt8] = rng.chance(50) ? Array("[".utf8) : Array("{\"k\":".utf8)
      var nest = [UInt8]()
      for _ in 0..<depth { nest += open }
      if rng.chance(50) {
        nest += Array("0".utf8)
        for _ in 0..<depth { nest += open.first == UInt8(ascii: "[") ? Array("]".utf8) : Array("}".utf8) }
      }
      insert(&bytes, at: rng.below(bytes.count + 1), nest)
    case 18:  // repeat a short piece many times (quadratic behaviour shows up here)
      let start = rng.below(bytes.count)
      let piece = Array(bytes[start..<min(bytes.count, start + rng.inRange(1...8))])
      let times = rng.chance(80) ? rng.inRange(2...100) : rng.inRange(100...20_000)
      var run = [UInt8]()
      run.reserveCapacity(piece.count * times)
      for _ in 0..<times { run += piece }
      insert(&bytes, at: rng.below(bytes.count + 1), run)
    default:  // swap two bytes
      bytes.swapAt(rng.below(bytes.count), rng.below(bytes.count))
    }
  }

  /// Bytes that sit on boundaries: zero, sign bits, ASCII controls and JSON syntax.
  public static let interestingBytes: [UInt8] = [
    0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x39, 0x3A, 0x3D, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xE0,
    0xF0, 0xFE, 0xFF,
  ]

  /// 16- and 32-bit boundary values.
  public static let interestingWords: [UInt64] = [
    0, 1, 2, 12, 13, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFF0, 0xFFFF_FFFF,
  ]

  /// Extreme numbers written over a digit run.
  static let numbers: [String] = [
    "0", "-0", "-1", "1e309", "-1e309", "1e-400", "0.5", "1.5e3", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
    "18446744073709551616", "2147483647", "2147483648", "-2147483649", "99999999999999999999999999999999", "1000", "1001", "1000000",
  ]

  private func insert(_ bytes: inout [UInt8], at index: Int, _ piece: [UInt8]) {
    let room = maxLength - bytes.count
    guard room > 0 else { return }
    bytes.insert(contentsOf: piece.prefix(room), at: index)
  }

  private func overwrite(_ bytes: inout [UInt8], at index: Int, with piece: [UInt8]) {
    let end = min(bytes.count, index + piece.count)
    bytes.replaceSubrange(index..<end, with: piece[0..<(end - index)])
  }

  private func replaceNumber(_ bytes: inout [UInt8], _ rng: inout SplitMix64) {
    let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
    let from = rng.below(bytes.count)
    guard let start = bytes[from...].firstIndex(where: isDigit) ?? bytes[..<from].firstIndex(where: isDigit) else {
      insert(&bytes, at: from, Array(rng.pick(Mutator.numbers).utf8))
      return
    }
    let end = bytes[start...].firstIndex(where: { !isDigit($0) }) ?? bytes.count
    bytes.replaceSubrange(start..<end, with: Array(rng.pick(Mutator.numbers).utf8))
    if bytes.count > maxLength { bytes.removeSubrange(maxLength...) }
  }
}
