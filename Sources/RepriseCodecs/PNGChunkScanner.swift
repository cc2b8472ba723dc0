/// Checks a PNG's chunk list as its bytes stream past, with the rules of `PNGChunks.read`
/// (signature, chunk lengths inside the file, letters-only types, CRCs, IHDR first, IEND last;
/// bytes after IEND ignored), without keeping the file: a 64 MB image is checked while it is
/// decoded, and `layout` then says where new chunks go and whether the file is C2PA-signed.
///
/// ```swift
/// var scanner = PNGChunkScanner()
/// scanner.feed(bytes)  // any number of times, in order
/// let layout = scanner.finish()  // nil: not a well-formed PNG
/// ```
package struct PNGChunkScanner: Sendable {
  /// What a well-formed PNG's chunk list says.
  package struct Layout: Sendable, Equatable {
    /// Where IHDR ends (signature and IHDR chunk): new chunks go here.
    package let headerEnd: Int
    /// The file carries a C2PA manifest (`caBX`).
    package let signed: Bool
  }

  private enum Phase {
    case signature
    /// Collecting the 8-byte length and type.
    case header
    /// Reading `remaining` data bytes.
    case data
    /// Collecting the 4-byte CRC.
    case crc
    /// IEND was read; the rest is ignored.
    case done
    case failed
  }

  private var phase = Phase.signature
  private var offset = 0
  /// Bytes of the field being collected (signature, header or CRC).
  private var field: [UInt8] = []
  private var length = 0
  private var remaining = 0
  private var type: [UInt8] = []
  private var crc = CRC32()
  private var chunks = 0
  private var signed = false
  private var headerEnd = 0

  /// A scanner at the start of a file.
  package init() { field.reserveCapacity(8) }

  /// False once the bytes cannot be a well-formed PNG (feeding more is then cheap).
  package var isViable: Bool { phase != .failed }

  /// Takes the next bytes of the file.
  package mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    let handled: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
      feed(UnsafeRawBufferPointer(buffer))
      return true
    }
    if handled == nil { Array(bytes).withUnsafeBytes { feed($0) } }
  }

  /// Takes the next bytes of the file.
  package mutating func feed(_ input: UnsafeRawBufferPointer) {
    var i = 0
    let count = input.count
    while i < count {
      switch phase {
      case .done, .failed:
        offset += count - i
        return
      case .data:
        let take = min(remaining, count - i)
        crc.update(UnsafeRawBufferPointer(rebasing: input[i..<(i + take)]))
        remaining -= take
        i += take
        offset += take
        if remaining == 0 { phase = .crc }
      case .signature, .header, .crc:
        field.append(input[i])
        i += 1
        offset += 1
        fieldComplete()
      }
    }
  }

  /// The layout once every byte was fed, or nil when the file is not a well-formed PNG.
  package func finish() -> Layout? {
    guard phase == .done else { return nil }
    return Layout(headerEnd: headerEnd, signed: signed)
  }

  private mutating func fieldComplete() {
    switch phase {
    case .signature:
      guard field.count == 8 else { return }
      phase = field == PNGChunks.signature ? .header : .failed
      field.removeAll(keepingCapacity: true)
    case .header:
      guard field.count == 8 else { return }
      length = Int(field[0]) << 24 | Int(field[1]) << 16 | Int(field[2]) << 8 | Int(field[3])
      type = Array(field[4..<8])
      field.removeAll(keepingCapacity: true)
      guard length <= 0x7FFF_FFFF, type.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) else {
        phase = .failed
        return
      }
      crc = CRC32()
      crc.update(type)
      remaining = length
      phase = length == 0 ? .crc : .data
    case .crc:
      guard field.count == 4 else { return }
      let stored = UInt32(field[0]) << 24 | UInt32(field[1]) << 16 | UInt32(field[2]) << 8 | UInt32(field[3])
      field.removeAll(keepingCapacity: true)
      guard crc.value == stored else {
        phase = .failed
        return
      }
      if chunks == 0 {
        guard type == Array("IHDR".utf8) else {
          phase = .failed
          return
        }
        headerEnd = offset
      }
      chunks += 1
      if type == Array("caBX".utf8) { signed = true }
      phase = type == Array("IEND".utf8) ? .done : .header
    case .data, .done, .failed:
      break
    }
  }
}
