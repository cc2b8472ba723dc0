/// Decodes PNG files (ISO/IEC 15948): every colour type at every bit depth it allows (1, 2, 4, 8
/// and 16), palettes with tRNS transparency, tRNS for grey and RGB, Adam7 interlacing, all five
/// filters; zlib data inflated by `Inflater` with its Adler-32 checked, and every chunk's CRC.
///
/// What is refused, and how: a broken file throws `.malformed` naming what broke ("CRC mismatch
/// in IDAT chunk 3", "Adler-32 mismatch", "image data ends after 100 of 4097 bytes"); a header
/// over `DecodeLimits` throws `.tooLarge` before anything is allocated for the image (the sizes
/// the file declares are never trusted: output never grows past what IHDR implies, and IHDR is
/// checked against the limits first); an unknown critical chunk throws `.unsupported`.
///
/// Colour management is not applied: gAMA, cHRM, sRGB and iCCP are ignored and samples are taken
/// as sRGB, as most viewers do for untagged files. Palette indices beyond the palette read as
/// opaque black (as libpng does). 16-bit samples become 8-bit ones by rounding,
/// `(v * 255 + 32767) / 65535`, the nearest 8-bit value (ImageMagick 6.9's `-depth 8` truncates
/// instead, so it can be 1 lower); `decodeSixteenBit` keeps the exact samples.
public enum PNGDecoder {
  /// The image as 8-bit RGBA.
  public static func decode(_ bytes: [UInt8], limits: DecodeLimits = .standard) throws(ImageDecodeError) -> DecodedImage {
    let (width, height, rgba, _) = try run(bytes, limits: limits, sixteen: false)
    return DecodedImage(width: width, height: height, rgba: rgba)
  }

  /// The image as 16-bit RGBA: a 16-bit file's exact samples, lower depths scaled exactly.
  public static func decodeSixteenBit(_ bytes: [UInt8], limits: DecodeLimits = .standard) throws(ImageDecodeError) -> SixteenBitImage {
    let (width, height, _, rgba) = try run(bytes, limits: limits, sixteen: true)
    return SixteenBitImage(width: width, height: height, rgba: rgba)
  }

  /// The eight bytes every PNG starts with.
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// Chunks read before the image data is inflated.
  struct Chunks {
    var header: PNGHeader?
    /// 256 RGBA entries; missing ones opaque black.
    var palette = [UInt8](repeating: 0, count: 1024)
    var paletteCount = 0
    /// The grey sample (or R, G, B samples) tRNS marks transparent, at the file's bit depth.
    var transparent: [Int]?
    /// Where each IDAT's data is in the file.
    var data: [Range<Int>] = []
  }

  /// Decodes row by row without an image-sized buffer where it can (non-interlaced files): calls
  /// `begin` with the width and height, then `row` for each row, top to bottom, with its 8-bit
  /// RGBA pixels (valid only during the call). Interlaced files are decoded whole first. The same
  /// pixels and the same errors as `decode`; after an error, rows already handed over are void.
  static func decodeRows(
    _ bytes: [UInt8], limits: DecodeLimits, begin: (Int, Int) -> Void, row: (Int, UnsafePointer<UInt8>) -> Void
  ) throws(ImageDecodeError) {
    let interlaced: Bool = try bytes.withUnsafeBufferPointer { file throws(ImageDecodeError) in
      let chunks = try readChunks(file, limits: limits)
      guard let header = chunks.header else { throw .malformed(format: "png", reason: "no IHDR chunk") }
      let expected = header.inflatedBytes
      try limits.check(format: "png", bytes: expected, what: "the \(header.width)x\(header.height) image data")
      guard !header.interlaced else { return true }
      begin(header.width, header.height)
      _ = try withoutActuallyEscaping(row) { row throws(ImageDecodeError) in
        try streamed(file, chunks: chunks, header: header, expected: expected, sink: row)
      }
      return false
    }
    if interlaced {
      let image = try decode(bytes, limits: limits)
      image.feedRows(begin: begin, row: row)
    }
  }

  /// Decodes to 8-bit RGBA, or 16-bit RGBA when `sixteen`: width, height and the one buffer asked for.
  static func run(_ bytes: [UInt8], limits: DecodeLimits, sixteen: Bool) throws(ImageDecodeError) -> (Int, Int, [UInt8], [UInt16]) {
    try bytes.withUnsafeBufferPointer { file throws(ImageDecodeError) in
      let chunks = try readChunks(file, limits: limits)
      guard let header = chunks.header else { throw .malformed(format: "png", reason: "no IHDR chunk") }
      let expected = header.inflatedBytes
      try limits.check(format: "png", bytes: expected, what: "the \(header.width)x\(header.height) image data")
      if !sixteen, !header.interlaced {
        return try streamed(file, chunks: chunks, header: header, expected: expected)
      }
      // Neither buffer is zero-filled first: inflate must write all of `raw` (checked below) and the
      // passes together write every output pixel; after a failure the buffers are dropped unread.
      var failure: InflateError?
      var written = 0
      var raw = [UInt8](unsafeUninitializedCapacity: expected) { output, initialized in
        initialized = expected
        do throws(InflateError) {
          written = try inflate(file, chunks, into: output)
        } catch {
          failure = error
        }
      }
      if let failure {
        if failure.overflow { throw .malformed(format: "png", reason: "more image data than \(header.width)x\(header.height) needs") }
        throw .malformed(format: "png", reason: "image data: \(failure.reason)")
      }
      if written < expected { throw .malformed(format: "png", reason: "image data ends after \(written) of \(expected) bytes") }
      let samples = header.width * header.height * 4
      let writer = PNGRowWriter(header: header, palette: chunks.palette, transparent: chunks.transparent)
      var badFilter: (pass: Int, row: Int, filter: Int)?
      func writeAll(_ out8: UnsafeMutableBufferPointer<UInt8>, _ out16: UnsafeMutableBufferPointer<UInt16>) {
        raw.withUnsafeMutableBufferPointer { raw in
          let passes = header.interlaced ? PNGHeader.passes : [(0, 0, 1, 1)]
          var offset = 0
          for (number, pass) in passes.enumerated() where badFilter == nil {
            let (w, h) = header.interlaced ? header.passSize(pass) : (header.width, header.height)
            if w == 0 || h == 0 { continue }
            let stride = header.rowBytes(w) + 1
            let bad = writer.unfilterAndWrite(raw.baseAddress! + offset, rows: h, pixels: w, stride: stride, pass: pass, out8: out8, out16: out16)
            if let bad { badFilter = (number + 1, bad.row, bad.filter) }
            offset += stride * h
          }
        }
      }
      var rgba8 = [UInt8]()
      var rgba16 = [UInt16]()
      if sixteen {
        rgba16 = [UInt16](unsafeUninitializedCapacity: samples) { out16, initialized in
          initialized = samples
          writeAll(UnsafeMutableBufferPointer(start: nil, count: 0), out16)
        }
      } else {
        rgba8 = [UInt8](unsafeUninitializedCapacity: samples) { out8, initialized in
          initialized = samples
          writeAll(out8, UnsafeMutableBufferPointer(start: nil, count: 0))
        }
      }
      if let badFilter {
        let place = header.interlaced ? "row \(badFilter.row + 1) of pass \(badFilter.pass)" : "row \(badFilter.row + 1)"
        throw .malformed(format: "png", reason: "unknown filter type \(badFilter.filter) on \(place)")
      }
      return (header.width, header.height, rgba8, rgba16)
    }
  }

  /// Inflates `chunks`' image data into `header`'s scanlines, the IDAT chunks read where they are.
  static func inflate(_ file: UnsafeBufferPointer<UInt8>, _ chunks: Chunks, into output: UnsafeMutableBufferPointer<UInt8>) throws(InflateError) -> Int {
    try Inflater.zlib(pieces: chunks.data.map { UnsafeBufferPointer(rebasing: file[$0]) }, limit: output.count, window: output) { _, _, end in end }
  }

  /// The image error for an inflate failure.
  static func failure(_ error: InflateError, _ header: PNGHeader) -> ImageDecodeError {
    if error.overflow { return .malformed(format: "png", reason: "more image data than \(header.width)x\(header.height) needs") }
    return .malformed(format: "png", reason: "image data: \(error.reason)")
  }

  /// Output bytes inflated between two hand-overs of scanlines: small enough that they are unfiltered
  /// while still in the cache.
  static let windowStep = 128 * 1024

  /// The common case, 8-bit output of a non-interlaced file (any bit depth): scanlines are inflated
  /// through a window of about 160 KiB (`Inflater.zlib(pieces:...)`) and unfiltered row by row as
  /// they arrive, straight into the RGBA buffer, so the only image-sized allocation is the result
  /// (8-bit RGB straight from the window, `unfilterRGB8`; other kinds into a one-row scratch,
  /// `unfilterLanes`).
  /// Every error is the same, and reported in the same order, as when inflating all first: an
  /// inflate failure, then data ending early, then the first row with an unknown filter type.
  ///
  /// With `sink`, no RGBA buffer is made either: each row is unfiltered into one of two RGBA rows
  /// and handed to `sink` (row index, pixels; valid only during the call), and the result's
  /// buffer is empty.
  static func streamed(
    _ file: UnsafeBufferPointer<UInt8>, chunks: Chunks, header: PNGHeader, expected: Int,
    sink: ((Int, UnsafePointer<UInt8>) -> Void)? = nil
  ) throws(ImageDecodeError) -> (Int, Int, [UInt8], [UInt16]) {
    let width = header.width
    let stride = header.rowBytes(width) + 1
    let length = stride - 1
    let total = sink == nil ? width * header.height * 4 : 0
    let room = min(expected, Inflater.history + stride + 2 * InflateState.pauseSlack + windowStep)
    let writer = PNGRowWriter(header: header, palette: chunks.palette, transparent: chunks.transparent)
    let rgb8 = header.colorType == 2 && header.bitDepth == 8
    let bpp = max(1, header.bitsPerPixel / 8)
    // Scratch: the window, two unfiltered rows (current, prior; the prior starts as zeros) and, for
    // 8-bit RGB, a zero RGBA row above the first; the window and rows with `laneSlack` past them.
    let slack = PNGRowWriter.laneSlack
    let allocation = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: room + slack)
    let window = UnsafeMutableBufferPointer(rebasing: allocation[..<room])
    // With a sink, two RGBA rows after those (the row being written and the one above it).
    let rowBytes = 2 * (length + slack) + 4 * width + (sink == nil ? 0 : 2 * 4 * width)
    let rows = UnsafeMutablePointer<UInt8>.allocate(capacity: rowBytes)
    rows.initialize(repeating: 0, count: rowBytes)
    defer {
      allocation.deallocate()
      rows.deallocate()
    }
    var current = rows
    var prior = rows + length + slack
    let zeroRGBA = UnsafePointer(rows + 2 * (length + slack))
    let ring = rows + 2 * (length + slack) + 4 * width
    var failure: InflateError?
    var bad: (row: Int, filter: Int)?
    var written = 0
    var next = 0
    let pieces = chunks.data.map { UnsafeBufferPointer(rebasing: file[$0]) }
    // Not zero-filled: every row is written when the data is whole; otherwise the buffer is dropped.
    let rgba = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
      initialized = total
      let out = buffer.baseAddress ?? ring
      do throws(InflateError) {
        written = try Inflater.zlib(pieces: pieces, limit: expected, window: window) { window, start, end in
          guard bad == nil else { return end }
          while (next + 1) * stride <= end {
            let line = window + (next * stride - start)
            let type = line.pointee
            if type > 4 {
              bad = (next, Int(type))
              return end
            }
            let row = sink == nil ? out + 4 * width * next : ring + 4 * width * (next & 1)
            if rgb8 {
              let above = sink == nil ? row - 4 * width : ring + 4 * width * ((next + 1) & 1)
              let up = next == 0 ? zeroRGBA : UnsafePointer(above)
              PNGRowWriter.unfilterRGB8(type: type, source: line + 1, out: row, up: up, width: width)
              writer.clearTransparentRGB8(row)
            } else {
              PNGRowWriter.unfilterLanes(type: type, source: line + 1, row: current, prior: UnsafePointer(prior), length: length, bpp: bpp)
              writer.write8(UnsafePointer(current), pixels: width, base: sink == nil ? 4 * width * next : 0, step: 4, out: sink == nil ? out : row)
              swap(&current, &prior)
            }
            sink?(next, UnsafePointer(row))
            next += 1
          }
          return next * stride
        }
      } catch {
        failure = error
      }
    }
    if let failure { throw Self.failure(failure, header) }
    if written < expected { throw .malformed(format: "png", reason: "image data ends after \(written) of \(expected) bytes") }
    if let bad { throw .malformed(format: "png", reason: "unknown filter type \(bad.filter) on row \(bad.row + 1)") }
    return (header.width, header.height, rgba, [])
  }

  /// Walks the chunk list: signature, CRCs, IHDR first, PLTE and tRNS, consecutive IDATs, IEND.
  static func readChunks(_ file: UnsafeBufferPointer<UInt8>, limits: DecodeLimits) throws(ImageDecodeError) -> Chunks {
    guard file.count >= 8, zip(file.prefix(8), signature).allSatisfy({ $0 == $1 }) else {
      throw .malformed(format: "png", reason: "no PNG signature")
    }
    var chunks = Chunks()
    var position = 8
    var counts: [UInt32: Int] = [:]
    var dataEnded = false
    while true {
      guard position + 12 <= file.count else { throw .malformed(format: "png", reason: "file ends before the IEND chunk (truncated?)") }
      let length = Int(file[position]) << 24 | Int(file[position + 1]) << 16 | Int(file[position + 2]) << 8 | Int(file[position + 3])
      let typeBytes = Array(file[(position + 4)..<(position + 8)])
      let type = typeBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
      guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
        throw .malformed(format: "png", reason: "chunk type at byte \(position + 4) is not four letters")
      }
      let name = String(decoding: typeBytes, as: UTF8.self)
      guard length <= 0x7FFF_FFFF, position + 12 + length <= file.count else {
        throw .malformed(format: "png", reason: "\(name) chunk runs past the end of the file (truncated?)")
      }
      let dataRange = (position + 8)..<(position + 8 + length)
      let index = counts[type, default: 0] + 1
      counts[type] = index
      var crc = CRC32()
      crc.update(UnsafeBufferPointer(rebasing: file[(position + 4)..<dataRange.upperBound]))
      let end = dataRange.upperBound
      let stored = UInt32(file[end]) << 24 | UInt32(file[end + 1]) << 16 | UInt32(file[end + 2]) << 8 | UInt32(file[end + 3])
      if crc.value != stored { throw .malformed(format: "png", reason: "CRC mismatch in \(name) chunk \(index)") }
      let data = UnsafeBufferPointer(rebasing: file[dataRange])
      if chunks.header == nil, name != "IHDR" { throw .malformed(format: "png", reason: "first chunk is \(name), not IHDR") }
      if !chunks.data.isEmpty, name != "IDAT" { dataEnded = true }
      switch name {
      case "IHDR":
        if chunks.header != nil { throw .malformed(format: "png", reason: "second IHDR chunk") }
        chunks.header = try PNGHeader(data, limits: limits)
      case "PLTE":
        guard length % 3 == 0, length > 0, length <= 768 else { throw .malformed(format: "png", reason: "PLTE of \(length) bytes") }
        chunks.paletteCount = length / 3
        for i in 0..<chunks.paletteCount {
          chunks.palette[4 * i] = data[3 * i]
          chunks.palette[4 * i + 1] = data[3 * i + 1]
          chunks.palette[4 * i + 2] = data[3 * i + 2]
          chunks.palette[4 * i + 3] = 255
        }
        for i in chunks.paletteCount..<256 { chunks.palette[4 * i + 3] = 255 }
      case "tRNS":
        guard let header = chunks.header else { break }
        switch header.colorType {
        case 3:
          if length > chunks.paletteCount { throw .malformed(format: "png", reason: "tRNS has \(length) entries for a \(chunks.paletteCount)-colour palette") }
          for i in 0..<length { chunks.palette[4 * i + 3] = data[i] }
        case 0:
          guard length == 2 else { throw .malformed(format: "png", reason: "tRNS of \(length) bytes for a grey image") }
          chunks.transparent = [Int(data[0]) << 8 | Int(data[1])]
        case 2:
          guard length == 6 else { throw .malformed(format: "png", reason: "tRNS of \(length) bytes for an RGB image") }
          chunks.transparent = (0..<3).map { Int(data[2 * $0]) << 8 | Int(data[2 * $0 + 1]) }
        default: break  // not allowed with an alpha channel; ignored as libpng does
        }
      case "IDAT":
        if dataEnded { throw .malformed(format: "png", reason: "IDAT chunks are not consecutive") }
        if let header = chunks.header, header.colorType == 3, chunks.paletteCount == 0 {
          throw .malformed(format: "png", reason: "palette image without a PLTE chunk")
        }
        chunks.data.append(dataRange)
      case "IEND":
        if chunks.data.isEmpty { throw .malformed(format: "png", reason: "no IDAT chunk") }
        return chunks
      default:
        if typeBytes[0] < 0x61 { throw .unsupported(format: "png", reason: "unknown critical chunk \(name)") }
      }
      position = end + 4
    }
  }
}
