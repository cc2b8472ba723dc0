/// CRC-32 (ISO 3309 / ITU-T V.42, polynomial 0xEDB88320, reflected), the checksum of PNG chunks, gzip and zip.
///
/// ```swift
/// var crc = CRC32()
/// crc.update(Array("IEND".utf8))
/// let value = crc.value  // 0xAE426082
/// ```
package struct CRC32: Sendable {
  /// The 256-entry lookup table for the reflected polynomial.
  static let table: [UInt32] = (0..<256).map { index -> UInt32 in
    var c = UInt32(index)
    for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// Slicing-by-16 tables (Intel's slicing method, as zlib's by-8 but twice as wide):
  /// `sliced[k * 256 + b]` is the CRC of byte `b` followed by `k` zero bytes, so sixteen input
  /// bytes fold in with sixteen lookups and no carried dependency between them; table 0 is `table`.
  static let sliced: [UInt32] = {
    var t = [UInt32](repeating: 0, count: 16 * 256)
    for b in 0..<256 { t[b] = table[b] }
    for k in 1..<16 {
      for b in 0..<256 {
        let previous = t[(k - 1) * 256 + b]
        t[k * 256 + b] = table[Int(previous & 0xFF)] ^ (previous >> 8)
      }
    }
    return t
  }()

  private var register: UInt32 = 0xFFFF_FFFF

  /// A fresh checksum over zero bytes.
  package init() {}

  /// The CRC-32 of `bytes` in one call.
  package static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
    var crc = CRC32()
    crc.update(bytes)
    return crc.value
  }

  /// Feeds more bytes.
  package mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    let handled: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
      absorb(UnsafeRawBufferPointer(buffer))
      return true
    }
    if handled == nil { Array(bytes).withUnsafeBytes { absorb($0) } }
  }

  /// The checksum of everything fed so far.
  package var value: UInt32 { register ^ 0xFFFF_FFFF }

  private mutating func absorb(_ input: UnsafeRawBufferPointer) {
    guard let base = input.baseAddress, input.count > 0 else { return }
    var c = register
    CRC32.sliced.withUnsafeBufferPointer { sliced in
      let t = sliced.baseAddress!
      let bytes = base.assumingMemoryBound(to: UInt8.self)
      var i = 0
      while i + 16 <= input.count {
        let first = UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self))
        let second = UInt64(littleEndian: UnsafeRawPointer(bytes + i + 8).loadUnaligned(as: UInt64.self))
        let a = c ^ UInt32(truncatingIfNeeded: first)
        let b = UInt32(truncatingIfNeeded: first >> 32)
        let d = UInt32(truncatingIfNeeded: second)
        let e = UInt32(truncatingIfNeeded: second >> 32)
        let fromA = t[15 * 256 + Int(a & 0xFF)] ^ t[14 * 256 + Int((a >> 8) & 0xFF)] ^ t[13 * 256 + Int((a >> 16) & 0xFF)] ^ t[12 * 256 + Int(a >> 24)]
        let fromB = t[11 * 256 + Int(b & 0xFF)] ^ t[10 * 256 + Int((b >> 8) & 0xFF)] ^ t[9 * 256 + Int((b >> 16) & 0xFF)] ^ t[8 * 256 + Int(b >> 24)]
        let fromD = t[7 * 256 + Int(d & 0xFF)] ^ t[6 * 256 + Int((d >> 8) & 0xFF)] ^ t[5 * 256 + Int((d >> 16) & 0xFF)] ^ t[4 * 256 + Int(d >> 24)]
        let fromE = t[3 * 256 + Int(e & 0xFF)] ^ t[2 * 256 + Int((e >> 8) & 0xFF)] ^ t[256 + Int((e >> 16) & 0xFF)] ^ t[Int(e >> 24)]
        c = fromA ^ fromB ^ fromD ^ fromE
        i += 16
      }
      while i + 8 <= input.count {
        let lo = c ^ (UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        let hi = UInt32(bytes[i + 4]) | UInt32(bytes[i + 5]) << 8 | UInt32(bytes[i + 6]) << 16 | UInt32(bytes[i + 7]) << 24
        c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)] ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
          ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)] ^ t[256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
        i += 8
      }
      while i < input.count {
        c = t[Int((c ^ UInt32(bytes[i])) & 0xFF)] ^ (c >> 8)
        i += 1
      }
    }
    register = c
  }
}
