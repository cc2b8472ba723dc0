/// Adler-32 (RFC 1950), the checksum that ends a zlib stream.
///
/// ```swift
/// let value = Adler32.checksum(Array("Wikipedia".utf8))  // 0x11E60398
/// ```
package struct Adler32: Sendable {
  private static let modulus: UInt32 = 65521
  /// Largest run of bytes that cannot overflow the 32-bit sums before reducing (zlib's NMAX).
  private static let maxRun = 5552

  private var a: UInt32 = 1
  private var b: UInt32 = 0

  /// A fresh checksum over zero bytes.
  package init() {}

  /// The Adler-32 of `bytes` in one call.
  package static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
    var adler = Adler32()
    adler.update(bytes)
    return adler.value
  }

  /// Feeds more bytes.
  package mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    let handled: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
      absorb(UnsafeRawBufferPointer(buffer))
      return true
    }
    if handled == nil { Array(bytes).withUnsafeBytes { absorb($0) } }
  }

  /// The checksum of everything fed so far: `b << 16 | a`.
  package var value: UInt32 { b << 16 | a }

  private mutating func absorb(_ input: UnsafeRawBufferPointer) {
    guard let base = input.baseAddress, input.count > 0 else { return }
    let bytes = base.assumingMemoryBound(to: UInt8.self)
    var sumA = a
    var sumB = b
    var offset = 0
    while offset < input.count {
      let end = min(offset + Adler32.maxRun, input.count)
      var i = offset
      while i < end {
        sumA &+= UInt32(bytes[i])
        sumB &+= sumA
        i += 1
      }
      sumA %= Adler32.modulus
      sumB %= Adler32.modulus
      offset = end
    }
    a = sumA
    b = sumB
  }
}
