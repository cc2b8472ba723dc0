/// A base64 decoder for image payloads as providers send them: standard or URL-safe alphabet,
/// whitespace and line breaks anywhere, padding optional. Anything else makes it fail.
enum LenientBase64 {
  /// Table value of whitespace (skipped).
  static let whitespace: UInt8 = 0xFE
  /// Table value of `=`.
  static let padding: UInt8 = 0xFD
  /// Table value of any other byte.
  static let invalid: UInt8 = 0xFF

  /// Sextet value per byte, or one of the markers above. Shared with `Base64StreamDecoder`.
  static let table: [UInt8] = {
    var table = [UInt8](repeating: invalid, count: 256)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
    table[Int(UInt8(ascii: "-"))] = 62
    table[Int(UInt8(ascii: "_"))] = 63
    for byte in [0x20, 0x09, 0x0A, 0x0D, 0x0C] { table[byte] = whitespace }
    table[Int(UInt8(ascii: "="))] = padding
    return table
  }()

  /// Whether `byte` can appear inside a base64 payload (alphabet or padding, not whitespace).
  static func isPayloadByte(_ byte: UInt8) -> Bool { table[Int(byte)] <= 63 || byte == UInt8(ascii: "=") }

  /// The decoded bytes, or nil when `input` is not base64.
  static func decode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    var failed = false
    let capacity = input.count / 4 * 3 + 3
    let output = table.withUnsafeBufferPointer { table in
      [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
        var accumulator: UInt32 = 0
        var pending = 0
        var written = 0
        var sawPadding = false
        for byte in input {
          let value = table[Int(byte)]
          if value < 64 {
            if sawPadding { failed = true; break }
            accumulator = accumulator << 6 | UInt32(value)
            pending += 1
            if pending == 4 {
              out[written] = UInt8(truncatingIfNeeded: accumulator >> 16)
              out[written + 1] = UInt8(truncatingIfNeeded: accumulator >> 8)
              out[written + 2] = UInt8(truncatingIfNeeded: accumulator)
              written += 3
              pending = 0
              accumulator = 0
            }
          } else if value == whitespace {
            continue
          } else if value == padding {
            sawPadding = true
          } else {
            failed = true
            break
          }
        }
        if !failed {
          switch pending {
          case 1: failed = true
          case 2:
            out[written] = UInt8(truncatingIfNeeded: accumulator >> 4)
            written += 1
          case 3:
            out[written] = UInt8(truncatingIfNeeded: accumulator >> 10)
            out[written + 1] = UInt8(truncatingIfNeeded: accumulator >> 2)
            written += 2
          default: break
          }
        }
        count = failed ? 0 : written
      }
    }
    return failed ? nil : output
  }

  /// Decodes a string's UTF-8 bytes.
  static func decode(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { decode($0) }
  }
}
