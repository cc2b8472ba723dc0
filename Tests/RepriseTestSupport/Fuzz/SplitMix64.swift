/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast pseudo-random generator whose output
/// depends only on its seed, on every platform and in every build, so a fuzz run is reproducible
/// from `(seed, target, iteration)` alone.
///
/// ```swift
/// var rng = SplitMix64.derive(seed: 42, stream: "png", index: 7)
/// let position = rng.below(bytes.count + 1)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's whole state.
  public private(set) var state: UInt64

  /// A generator starting at `seed`.
  public init(seed: UInt64) { state = seed }

  /// The generator for input `index` of the stream named `stream`: independent of every other
  /// input, so any single input can be regenerated without replaying the ones before it.
  public static func derive(seed: UInt64, stream: String, index: Int) -> SplitMix64 {
    var name: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a: stable across runs, unlike `hashValue`.
    for byte in stream.utf8 { name = (name ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    var mixer = SplitMix64(seed: seed ^ name)
    _ = mixer.next()
    mixer.state ^= UInt64(bitPattern: Int64(index)) &* 0xD605_BBB5_8C8A_BBFD
    return SplitMix64(seed: mixer.next())
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound`; `bound` must be positive.
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "below(_:) needs a positive bound")
    return Int(next() % UInt64(bound))
  }

  /// A number in `range`.
  public mutating func inRange(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  /// True `percent` times in a hundred.
  public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

  /// One element of a non-empty array.
  public mutating func pick<Element>(_ items: [Element]) -> Element { items[below(items.count)] }

  /// A small number, usually tiny: 1 half the time, rarely up to `limit`. Mutation sizes follow it.
  public mutating func small(limit: Int) -> Int {
    let cap = max(1, limit)
    switch below(8) {
    case 0..<4: return 1
    case 4..<6: return min(cap, inRange(2...8))
    case 6: return min(cap, inRange(1...64))
    default: return inRange(1...cap)
    }
  }
}
