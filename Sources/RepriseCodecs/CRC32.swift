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
    CRC32.table.withUnsafeBufferPointer { table in
      let bytes = base.assumingMemoryBound(to: UInt8.self)
      for i in 0..<input.count {
        c = table[Int((c ^ UInt32(bytes[i])) & 0xFF)] ^ (c >> 8)
      }
    }
    register = c
  }
}
