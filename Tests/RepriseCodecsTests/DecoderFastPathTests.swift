import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseCodecs

/// The decoders' fast paths against their plain definitions: the division-free 16-to-8-bit
/// rounding on every sample, and inflate's two-literals-at-once table at the output's edge.
struct DecoderFastPathTests {
  @Test func sixteenToEightBitRoundingEqualsTheDivisionForEverySample() {
    var wrong: [Int] = []
    for v in 0...65535 where Int(PNGRowWriter.eight(v)) != (v * 255 + 32767) / 65535 { wrong.append(v) }
    #expect(wrong.isEmpty, "first samples that differ: \(wrong.prefix(5))")
  }

  @Test func literalPairsNeverWritePastTheCapacity() throws {
    let stream = try DecoderFixtures.bytes("inflate-dynamic.zlib")
    let plain = try DecoderFixtures.bytes("inflate-plain.bin")
    for capacity in [plain.count - 1, plain.count - 2, plain.count - 3, plain.count / 2 + 1] {
      do {
        _ = try Inflater.zlib(stream, capacity: capacity)
        Issue.record("capacity \(capacity) of \(plain.count) inflated without an error")
      } catch { #expect(error.overflow, "capacity \(capacity): \(error.reason)") }
    }
    #expect(try Inflater.zlib(stream, capacity: plain.count) == plain)
  }
}
