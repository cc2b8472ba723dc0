import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseCodecs

/// `Inflater` on streams zlib wrote (stored, fixed-Huffman and dynamic-Huffman blocks, committed
/// fixtures), on round trips through reprise's own deflate encoder, and on broken streams.
struct InflateTests {
  @Test(arguments: [("inflate-stored.zlib", 0), ("inflate-fixed.zlib", 1), ("inflate-dynamic.zlib", 2)])
  func inflatesWhatZlibWrote(_ name: String, _ blockType: Int) throws {
    let stream = try DecoderFixtures.bytes(name)
    #expect(Int(stream[2] >> 1) & 3 == blockType, "the fixture starts with a block of type \(blockType)")
    let plain = try DecoderFixtures.bytes("inflate-plain.bin")
    #expect(try Inflater.zlib(stream, capacity: plain.count) == plain)
    #expect(try Inflater.zlib(stream, capacity: plain.count + 100) == plain)
  }

  @Test func inflatesAnEmptyStream() throws {
    #expect(try Inflater.zlib(DecoderFixtures.bytes("inflate-empty.zlib"), capacity: 10) == [])
  }

  @Test func roundTripsReprisesDeflateEncoder() throws {
    var rng = SplitMix64(seed: 42)
    for size in [0, 1, 100, 70_000] {
      let data = (0..<size).map { i in UInt8(truncatingIfNeeded: i % 7 == 0 ? rng.next() : UInt64(i / 13)) }
      for strategy in [DeflateEncoder.Strategy.fixedHuffman, .stored] {
        #expect(try Inflater.zlib(ZlibEncoder.encode(data, strategy: strategy), capacity: size) == data)
      }
    }
  }

  /// Inflates `stream` cut into pieces of `pieceSize` bytes through a window of `room` bytes, at
  /// most `limit` bytes; every hand-over keeps the last `kept` bytes it was given as still needed
  /// and checks they are still in the window. Returns the bytes handed over, in order.
  static func inflate(_ stream: [UInt8], pieceSize: Int, room: Int, limit: Int, kept: Int = 777) throws(InflateError) -> [UInt8] {
    var output: [UInt8] = []
    var keptIntact = true
    let window = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: room)
    defer { window.deallocate() }
    try stream.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(InflateError) in
      let pieces = stride(from: 0, to: max(buffer.count, 1), by: pieceSize).map {
        UnsafeBufferPointer(rebasing: buffer[$0..<min($0 + pieceSize, buffer.count)])
      }
      let written = try Inflater.zlib(pieces: pieces, limit: limit, window: window) { window, start, end in
        let needed = max(start, output.count - kept)
        keptIntact = keptIntact && (needed..<output.count).allSatisfy { window[$0 - start] == output[$0] }
        output.append(contentsOf: UnsafeBufferPointer(start: window + (output.count - start), count: end - output.count))
        return max(start, end - kept)
      }
      #expect(written == output.count)
    }
    #expect(keptIntact, "bytes the consumer still needed were moved or overwritten")
    return output
  }

  /// Through a sliding window (history, then whatever the consumer still needs, kept across each
  /// slide), from input cut into pieces of every awkward size (one byte, seven, nine: the bit
  /// reader's eight-byte loads straddle them): the same bytes, and the same errors, as inflating
  /// the whole stream into room for all of it. Stored blocks pause when the window is full.
  @Test func inflatesThroughASlidingWindowFromPieces() throws {
    var rng = SplitMix64(seed: 7)
    let data = (0..<120_000).map { i in UInt8(truncatingIfNeeded: i % 5 == 0 ? rng.next() : UInt64(i / 300)) }
    let smallest = Inflater.history + InflateState.pauseSlack + 1_000
    for strategy in [DeflateEncoder.Strategy.fixedHuffman, .stored] {
      let stream = ZlibEncoder.encode(data, strategy: strategy)
      for pieceSize in [1, 7, 9, 100, 32768, stream.count] {
        for room in [smallest, 50_000, data.count] {
          #expect(try Self.inflate(stream, pieceSize: pieceSize, room: room, limit: data.count) == data, "\(strategy) pieces \(pieceSize) room \(room)")
        }
      }
      #expect(throws: InflateError("more data than expected", overflow: true)) {
        try Self.inflate(stream, pieceSize: 9, room: smallest, limit: data.count - 1)
      }
      var corrupt = stream
      corrupt[corrupt.count - 1] ^= 1
      #expect(throws: InflateError("Adler-32 mismatch (the image data is corrupt)")) {
        try Self.inflate(corrupt, pieceSize: 7, room: smallest, limit: data.count)
      }
      #expect(throws: InflateError("zlib stream ends before its Adler-32")) {
        try Self.inflate(Array(stream.dropLast(2)), pieceSize: 100, room: smallest, limit: data.count)
      }
    }
  }

  @Test func refusesBrokenStreams() throws {
    let stream = try DecoderFixtures.bytes("inflate-dynamic.zlib")
    let plain = try DecoderFixtures.bytes("inflate-plain.bin")
    var badAdler = stream
    badAdler[badAdler.count - 1] ^= 1
    #expect(throws: InflateError("Adler-32 mismatch (the image data is corrupt)")) { try Inflater.zlib(badAdler, capacity: plain.count) }
    #expect(throws: InflateError.self) { try Inflater.zlib(Array(stream.prefix(stream.count / 2)), capacity: plain.count) }
    #expect(throws: InflateError("zlib stream ends before its Adler-32")) { try Inflater.zlib(Array(stream.dropLast(2)), capacity: plain.count) }
    #expect(throws: InflateError("zlib header check bits are wrong")) { try Inflater.zlib([0x78, 0x9D] + stream.dropFirst(2), capacity: plain.count) }
    do {
      _ = try Inflater.zlib(stream, capacity: plain.count - 1)
      Issue.record("a stream longer than the room given must throw")
    } catch {
      #expect(error.overflow)
    }
    // Block type 3 does not exist.
    #expect(throws: InflateError("invalid deflate block type 3")) { try Inflater.deflate([0x07], capacity: 10) }
    // A stored block whose length and complement disagree.
    #expect(throws: InflateError("stored block length does not match its complement")) { try Inflater.deflate([0x01, 5, 0, 5, 0], capacity: 10) }
  }

  @Test func refusesADistanceBeforeTheStart() throws {
    // Fixed block: length code 257 (length 3), distance code 0 (distance 1), with no byte written yet.
    // Bits, least significant first: BFINAL 1, BTYPE 01, 257 = 0000001 (7 bits), distance 00000.
    #expect(throws: InflateError("distance 1 reaches before the start of the data")) { try Inflater.deflate([0x03, 0x02, 0x00], capacity: 10) }
  }
}
