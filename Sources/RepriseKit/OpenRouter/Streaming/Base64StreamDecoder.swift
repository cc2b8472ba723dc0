/// Decodes the content of one JSON string literal, as its raw (still escaped) bytes arrive, when it
/// holds a base64 image: a `data:image/*;base64,` URL or raw base64.
///
/// It accepts exactly what `LenientBase64` accepts (standard or URL-safe alphabet, optional
/// padding, nothing after padding but padding and whitespace) and decodes to the same bytes, so a
/// string it accepts reads the same whether it is decoded here or by `ImageDecoder`. It is stricter
/// where exactness would cost memory: the only JSON escapes taken are `\/` and the whitespace escapes
/// `\n \r \t \f` (when whitespace is allowed at all), the data URL header must be short printable
/// ASCII without escapes, and the payload may not begin with whitespace. Anything else fails, and
/// the caller keeps the string as it is.
struct Base64StreamDecoder {
  /// Which forms the string may take where it was found.
  struct Options: Sendable, Equatable {
    /// `data:image/<type>[;params];base64,<payload>`.
    var dataURL: Bool
    /// A bare base64 payload.
    var raw: Bool
    /// Whitespace (space, `\n`, `\r`, `\t`, `\f`) inside the payload.
    var whitespace: Bool
  }

  /// What `decode` stopped at.
  enum Outcome: Sendable, Equatable {
    /// Every byte was taken; the string goes on in the next chunk.
    case needMore
    /// The closing quote is at this index of the chunk.
    case end(Int)
    /// The byte at this index cannot be part of such a string (it was not taken).
    case failed(Int)
  }

  private enum Phase {
    /// Collecting the first five characters, to tell `data:` from raw base64.
    case lead
    /// Between `data:` and the comma.
    case header
    case payload
  }

  private static let whitespaceMark = LenientBase64.whitespace
  private static let paddingMark = LenientBase64.padding
  private static let invalidMark = LenientBase64.invalid
  /// Longest data URL header (between `data:` and the comma): well inside the 256 bytes
  /// `DataURLScanner` and `ResponseRedactor` look at.
  static let longestHeader = 200

  /// Sextet value per byte, or one of the marks above: the same alphabet as `LenientBase64`.
  private static let table: [UInt8] = LenientBase64.table

  let options: Options
  /// The decoded bytes not yet handed on by `drain`.
  private(set) var bytes: [UInt8] = []
  /// Decoded bytes already handed on by `drain`.
  private var drained = 0
  /// The data URL header (between `data:` and the comma); nil for raw base64.
  private(set) var header: [UInt8]?
  /// The last byte taken was a backslash that starts an escape.
  private(set) var inEscape = false
  private var phase = Phase.lead
  private var lead: [UInt8] = []
  private var accumulator: UInt32 = 0
  private var pending = 0
  private var sawPadding = false

  /// A decoder for a string found where `options` allow; `capacity` is the room reserved for
  /// decoded bytes between two `drain` calls.
  init(options: Options, capacity: Int) {
    self.options = options
    bytes.reserveCapacity(max(0, capacity))
  }

  /// Takes the raw bytes of `chunk` from `start` on, up to the string's closing quote.
  mutating func decode(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Outcome {
    var i = start
    let count = chunk.count
    while i < count {
      if case .payload = phase, !inEscape, !sawPadding {
        // Fast path: unescaped payload bytes, the bulk of a multi-megabyte image.
        i = Self.table.withUnsafeBufferPointer { table in
          var j = i
          while j < count {
            let value = table[Int(chunk[j])]
            guard value < 64 else { break }
            accumulator = accumulator << 6 | UInt32(value)
            pending += 1
            if pending == 4 { flushQuad() }
            j += 1
          }
          return j
        }
        if i == count { break }
      }
      let byte = chunk[i]
      if inEscape {
        // Escapes never reach the header: a backslash there fails first.
        guard let unescaped = unescape(byte), take(unescaped) else { return .failed(i) }
        inEscape = false
      } else if byte == UInt8(ascii: "\"") {
        return .end(i)
      } else if byte == UInt8(ascii: "\\") {
        if case .header = phase { return .failed(i) }
        inEscape = true
      } else if byte < 0x20 {
        // A raw control character makes the JSON invalid: keep the string so the parser says so.
        return .failed(i)
      } else if !take(byte) {
        return .failed(i)
      }
      i += 1
    }
    return .needMore
  }

  /// Ends the string: true when it was a complete, valid payload that decoded to at least one byte.
  mutating func finish() -> Bool {
    guard case .payload = phase, !inEscape else { return false }
    switch pending {
    case 1: return false
    case 2: bytes.append(UInt8(truncatingIfNeeded: accumulator >> 4))
    case 3:
      bytes.append(UInt8(truncatingIfNeeded: accumulator >> 10))
      bytes.append(UInt8(truncatingIfNeeded: accumulator >> 2))
    default: break
    }
    pending = 0
    return drained + bytes.count > 0
  }

  /// Hands the decoded bytes so far to `body` and forgets them (the buffer keeps its capacity), so
  /// a payload of any size needs only one chunk's worth of memory.
  mutating func drain(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
    guard !bytes.isEmpty else { return }
    try bytes.withUnsafeBytes { try body($0) }
    drained += bytes.count
    bytes.removeAll(keepingCapacity: true)
  }

  /// The character an escape letter stands for, when the payload may contain it.
  private func unescape(_ letter: UInt8) -> UInt8? {
    switch letter {
    case UInt8(ascii: "/"): return UInt8(ascii: "/")
    case UInt8(ascii: "n"): return options.whitespace ? 0x0A : nil
    case UInt8(ascii: "r"): return options.whitespace ? 0x0D : nil
    case UInt8(ascii: "t"): return options.whitespace ? 0x09 : nil
    case UInt8(ascii: "f"): return options.whitespace ? 0x0C : nil
    default: return nil
    }
  }

  /// Takes one unescaped character; false when it cannot be part of the string.
  private mutating func take(_ byte: UInt8) -> Bool {
    switch phase {
    case .lead:
      lead.append(byte)
      guard lead.count == 5 else { return true }
      if lead.map(Self.lowercased) == Array("data:".utf8) {
        guard options.dataURL else { return false }
        phase = .header
        header = []
        return true
      }
      guard options.raw else { return false }
      phase = .payload
      for byte in lead where !takePayload(byte) { return false }
      return true
    case .header:
      if byte == UInt8(ascii: ",") {
        guard let header, !header.isEmpty else { return false }
        let parsed = header.withUnsafeBufferPointer { ImageDecoder.parseHeader($0) }
        guard parsed.isBase64, parsed.mediaType?.lowercased().hasPrefix("image/") == true else { return false }
        phase = .payload
        return true
      }
      guard Self.isHeaderByte(byte), (header?.count ?? 0) < Self.longestHeader else { return false }
      header?.append(byte)
      return true
    case .payload:
      return takePayload(byte)
    }
  }

  private mutating func takePayload(_ byte: UInt8) -> Bool {
    let value = Self.table[Int(byte)]
    if value < 64 {
      if sawPadding { return false }
      accumulator = accumulator << 6 | UInt32(value)
      pending += 1
      if pending == 4 { flushQuad() }
      return true
    }
    if value == Self.whitespaceMark { return options.whitespace }
    if value == Self.paddingMark {
      sawPadding = true
      return true
    }
    return false
  }

  private mutating func flushQuad() {
    bytes.append(UInt8(truncatingIfNeeded: accumulator >> 16))
    bytes.append(UInt8(truncatingIfNeeded: accumulator >> 8))
    bytes.append(UInt8(truncatingIfNeeded: accumulator))
    pending = 0
    accumulator = 0
  }

  private static func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }

  /// Bytes `DataURLScanner` accepts in a header: printable ASCII except delimiters (and no
  /// backslash, which would start a JSON escape).
  private static func isHeaderByte(_ byte: UInt8) -> Bool {
    guard byte > 0x20, byte < 0x7F else { return false }
    switch byte {
    case UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
      UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\\"):
      return false
    default: return true
    }
  }
}
