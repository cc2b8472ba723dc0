/// A tiny deterministic random number generator (SplitMix64, Steele, Lea and Flood 2014): the same
/// seed gives the same sequence on every machine. Used only to seed the palette's k-means++.
struct PaletteSeedGenerator: Sendable {
  private var state: UInt64

  /// A generator starting at `seed`.
  init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) (53 random bits).
  mutating func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992.0 }
}
