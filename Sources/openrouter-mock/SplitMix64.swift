/// SplitMix64 (Steele, Lea, Flood 2014): a tiny deterministic generator. Every random choice the mock
/// makes (failures, jitter, id suffixes, large-image noise) comes from one of these, seeded by
/// `--random-seed`, so a run can be repeated exactly.
struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  mutating func nextUnitInterval() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
