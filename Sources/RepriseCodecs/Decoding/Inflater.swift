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
    try zlib(pieces: [input], limit: output.count, window: output) { _, _, end in end }
  }

  /// History a window must keep: deflate's largest match distance.
  package static let history = 32768

  /// Inflates one zlib stream cut into `pieces` (a PNG's IDAT chunks, read in place), at most
  /// `limit` bytes, through `window`, checking the Adler-32; returns the bytes inflated.
  ///
  /// Output is handed to `consume(window, start, end)` as it comes: `window[0...]` then holds bytes
  /// `start..<end` of the output, and `consume` returns the offset of the first byte it still needs
  /// (at most `end`). Between calls the window slides, keeping that byte on and the last 32 KiB
  /// (`history`); `consume` must leave at most `window.count - history - InflateState.pauseSlack - 1`
  /// bytes unconsumed. When `window` holds `limit` bytes, everything is inflated in one go.
  package static func zlib(
    pieces: [UnsafeBufferPointer<UInt8>], limit: Int, window: UnsafeMutableBufferPointer<UInt8>,
    consume: (_ window: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int
  ) throws(InflateError) -> Int {
    // The zlib header's two bytes, which may sit in different pieces, then the deflate data.
    var body = pieces.filter { !$0.isEmpty }
    var header: [Int] = []
    while header.count < 2, !body.isEmpty {
      header.append(Int(body[0][0]))
      body[0] = UnsafeBufferPointer(rebasing: body[0].dropFirst())
      if body[0].isEmpty { body.removeFirst() }
    }
    guard header.count == 2 else { throw InflateError("zlib header missing") }
    let cmf = header[0]
    let flg = header[1]
    if cmf & 0x0F != 8 { throw InflateError("zlib compression method \(cmf & 0x0F) is not deflate") }
    if cmf >> 4 > 7 { throw InflateError("zlib window size over 32 KiB") }
    if (cmf << 8 | flg) % 31 != 0 { throw InflateError("zlib header check bits are wrong") }
    if flg & 0x20 != 0 { throw InflateError("zlib preset dictionary is not allowed") }
    if body.isEmpty { body = [UnsafeBufferPointer(start: nil, count: 0)] }
    return try body.withUnsafeBufferPointer { pieces throws(InflateError) in
      var state = InflateState(pieces: pieces, output: window)
      defer { state.release() }
      let room = window.count
      let base = window.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
      var start = 0
      var adler = Adler32()
      while true {
        let remaining = limit - start
        if remaining <= room {
          state.outputCount = remaining
          state.pauseAt = Int.max
        } else {
          state.outputCount = room
          state.pauseAt = room - InflateState.pauseSlack
        }
        let summed = state.outPos
        let finished = try state.resume()
        adler.update(UnsafeBufferPointer(start: base + summed, count: state.outPos - summed))
        let end = start + state.outPos
        let needed = consume(UnsafePointer(base), start, end)
        if finished { break }
        let keepFrom = max(start, min(needed, end - history))
        let keep = end - keepFrom
        precondition(room - keep > InflateState.pauseSlack, "inflate window too small for what is kept")
        base.update(from: base + (keepFrom - start), count: keep)
        state.outPos = keep
        start = keepFrom
      }
      let end = state.alignedBytePosition
      guard end + 4 <= state.inputTotal else { throw InflateError("zlib stream ends before its Adler-32") }
      state.seek(end)
      let expected = (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(state.byte(at: end + $1)) }
      if adler.value != expected { throw InflateError("Adler-32 mismatch (the image data is corrupt)") }
      return start + state.outPos
    }
  }
}
