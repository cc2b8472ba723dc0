/// Inflates zlib streams (RFC 1950) and raw deflate data (RFC 1951): stored, fixed-Huffman and
/// dynamic-Huffman blocks, with the Adler-32 check, into room the caller sizes. Output never grows
/// past that room: a stream holding more throws (with `overflow` set), so a small file cannot make
/// the inflater allocate. Reading past the input's end is an error ("data ends early"), never a
/// crash, and every loop ends (each block header or symbol consumes bits or fills output).
///
/// ```swift
/// let pixels = try Inflater.zlib(compressed, capacity: 4096)  // the inflated bytes
/// ```
package enum Inflater {
  /// Inflates a zlib stream into at most `capacity` bytes and checks its Adler-32.
  package static func zlib(_ input: [UInt8], capacity: Int) throws(InflateError) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: capacity)
    var written = 0
    var failure: InflateError?
    input.withUnsafeBufferPointer { inputBuffer in
      output.withUnsafeMutableBufferPointer { outputBuffer in
        do throws(InflateError) { written = try zlib(inputBuffer, into: outputBuffer) } catch { failure = error }
      }
    }
    if let failure { throw failure }
    output.removeSubrange(written...)
    return output
  }

  /// Inflates raw deflate data into at most `capacity` bytes.
  package static func deflate(_ input: [UInt8], capacity: Int) throws(InflateError) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: capacity)
    var written = 0
    var failure: InflateError?
    input.withUnsafeBufferPointer { inputBuffer in
      output.withUnsafeMutableBufferPointer { outputBuffer in
        do throws(InflateError) {
          var state = InflateState(input: inputBuffer, output: outputBuffer)
          defer { state.release() }
          try state.run()
          written = state.outPos
        } catch { failure = error }
      }
    }
    if let failure { throw failure }
    output.removeSubrange(written...)
    return output
  }

  /// Inflates the zlib stream in `input` into `output`; returns the bytes written.
  package static func zlib(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) throws(InflateError) -> Int {
    guard input.count >= 2 else { throw InflateError("zlib header missing") }
    let cmf = Int(input[0])
    let flg = Int(input[1])
    if cmf & 0x0F != 8 { throw InflateError("zlib compression method \(cmf & 0x0F) is not deflate") }
    if cmf >> 4 > 7 { throw InflateError("zlib window size over 32 KiB") }
    if (cmf << 8 | flg) % 31 != 0 { throw InflateError("zlib header check bits are wrong") }
    if flg & 0x20 != 0 { throw InflateError("zlib preset dictionary is not allowed") }
    let body = UnsafeBufferPointer(rebasing: input[2...])
    var state = InflateState(input: body, output: output)
    defer { state.release() }
    try state.run()
    let end = state.alignedBytePosition
    guard end + 4 <= body.count else { throw InflateError("zlib stream ends before its Adler-32") }
    let expected = UInt32(body[end]) << 24 | UInt32(body[end + 1]) << 16 | UInt32(body[end + 2]) << 8 | UInt32(body[end + 3])
    var adler = Adler32()
    adler.update(UnsafeBufferPointer(rebasing: output[0..<state.outPos]))
    if adler.value != expected { throw InflateError("Adler-32 mismatch (the image data is corrupt)") }
    return state.outPos
  }
}
