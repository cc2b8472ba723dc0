/// Wraps a DEFLATE stream in the zlib format (RFC 1950): a 2-byte header, the deflate data and the
/// big-endian Adler-32 of the uncompressed bytes. This is what a PNG IDAT sequence holds.
///
/// ```swift
/// let idat = ZlibEncoder.encode(filteredScanlines)
/// ```
package enum ZlibEncoder {
  /// The zlib stream for `input`.
  package static func encode(_ input: [UInt8], strategy: DeflateEncoder.Strategy = .fixedHuffman) -> [UInt8] {
    // CMF 0x78: deflate with a 32 KiB window. FLG 0x01: no dictionary, "fastest" level, (CMF*256+FLG) % 31 == 0.
    var out: [UInt8] = [0x78, 0x01]
    out.append(contentsOf: DeflateEncoder.encode(input, strategy: strategy))
    let adler = Adler32.checksum(input)
    out.append(contentsOf: [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)])
    return out
  }
}
