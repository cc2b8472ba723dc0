/// Strict UTF-8 decoding that runs on every platform reprise builds for. The standard library's
/// `String(validating:as:)` needs macOS 15; `String(decoding:as:)` repairs bad bytes silently.
package enum UTF8Text {
  /// The text `bytes` spell, or nil when they are not well-formed UTF-8 (an overlong form, a
  /// surrogate, a scalar above U+10FFFF, a stray or missing continuation byte).
  package static func decode<Bytes: Collection>(_ bytes: Bytes) -> String? where Bytes.Element == UInt8 {
    let valid = bytes.withContiguousStorageIfAvailable(isWellFormed) ?? Array(bytes).withUnsafeBufferPointer(isWellFormed)
    return valid ? String(decoding: bytes, as: UTF8.self) : nil
  }

  /// True when `bytes` are well-formed UTF-8 (Unicode 15, table 3-7).
  package static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    while i < n {
      let lead = bytes[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      // The allowed range of the second byte depends on the lead; later bytes are 80...BF.
      let length: Int
      var second: ClosedRange<UInt8> = 0x80...0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: length = 3; second = 0xA0...0xBF
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: length = 3; second = 0x80...0x9F
      case 0xF0: length = 4; second = 0x90...0xBF
      case 0xF1...0xF3: length = 4
      case 0xF4: length = 4; second = 0x80...0x8F
      default: return false
      }
      guard i + length <= n, second.contains(bytes[i + 1]) else { return false }
      for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return false }
      i += length
    }
    return true
  }
}
