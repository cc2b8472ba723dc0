import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseCodecs

/// The decoders' fast paths against their plain definitions: the division-free 16-to-8-bit
/// rounding on every sample, and inflate's two-literals-at-once table at the output's edge.
struct DecoderFastPathTests {
  /// Adler-32 in vector lanes against RFC 1950's byte-by-byte definition: every length up to 300,
  /// fed whole and in uneven pieces, worst-case bytes (all 0xFF) past zlib's 5,552-byte reduction
  /// run, and the RFC's example.
  @Test func adler32EqualsTheByteByByteDefinition() {
    func reference(_ bytes: [UInt8]) -> UInt32 {
      var a: UInt32 = 1
      var b: UInt32 = 0
      for byte in bytes {
        a = (a + UInt32(byte)) % 65521
        b = (b + a) % 65521
      }
      return b << 16 | a
    }
    #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt8 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 56)
    }
    for length in 0...300 {
      let bytes = (0..<length).map { _ in next() }
      #expect(Adler32.checksum(bytes) == reference(bytes), "length \(length)")
      var pieces = Adler32()
      var at = 0
      while at < bytes.count {
        let step = min(bytes.count - at, 1 + at % 23)
        pieces.update(bytes[at..<at + step])
        at += step
      }
      #expect(pieces.value == reference(bytes), "length \(length) in pieces")
    }
    let ones = [UInt8](repeating: 0xFF, count: 20_000)
    #expect(Adler32.checksum(ones) == reference(ones))
    // Runs of 5,552 bytes, groups of 22 blocks and the tails around them, at and off their edges.
    for length in [351, 352, 353, 5551, 5552, 5553, 5552 + 352, 100_003] {
      let bytes = (0..<length).map { _ in next() }
      #expect(Adler32.checksum(bytes) == reference(bytes), "length \(length)")
      let high = [UInt8](repeating: 0xFE, count: length)
      #expect(Adler32.checksum(high) == reference(high), "length \(length) of 0xFE")
    }
  }

  @Test func sixteenToEightBitRoundingEqualsTheDivisionForEverySample() {
    var wrong: [Int] = []
    for v in 0...65535 where Int(PNGRowWriter.eight(v)) != (v * 255 + 32767) / 65535 { wrong.append(v) }
    #expect(wrong.isEmpty, "first samples that differ: \(wrong.prefix(5))")
  }

  /// Inflate tries its two-literal table only for codes where most bit patterns start with a pair;
  /// a stream of short literal codes uses it (checked), and it stops exactly at the capacity.
  @Test func literalPairsNeverWritePastTheCapacity() throws {
    let stream = try DecoderFixtures.bytes("inflate-huffman-only.zlib")
    let plain = try DecoderFixtures.bytes("inflate-huffman-only.bin")
    let usesPairs = stream.withUnsafeBufferPointer { input in
      let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: plain.count)
      defer { output.deallocate() }
      var state = InflateState(input: UnsafeBufferPointer(rebasing: input[2...]), output: output)
      defer { state.release() }
      state.refill()
      guard state.take(3) == 5 else { return false }  // one final dynamic block
      do { try state.dynamicCodes() } catch { return false }
      return state.usePairs
    }
    #expect(usesPairs, "the fixture's block does not take the two-literal path")
    for capacity in [plain.count - 1, plain.count - 2, plain.count - 3, plain.count / 2 + 1] {
      do {
        _ = try Inflater.zlib(stream, capacity: capacity)
        Issue.record("capacity \(capacity) of \(plain.count) inflated without an error")
      } catch { #expect(error.overflow, "capacity \(capacity): \(error.reason)") }
    }
    #expect(try Inflater.zlib(stream, capacity: plain.count) == plain)
  }
}
