/// Reads and edits the chunk list of a PNG without decoding pixels: bounds-checked, CRC-checked.
package enum PNGChunks {
  /// One chunk.
  package struct Chunk: Sendable, Equatable {
    /// Four-letter type, e.g. `IHDR`, `tEXt`.
    package let type: String
    /// Byte range of the whole chunk (length, type, data, CRC) in the file.
    package let range: Range<Int>
    /// Byte range of the data.
    package let dataRange: Range<Int>
  }

  /// Why a file is not a well-formed PNG.
  package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    package let reason: String
    package var description: String { reason }
  }

  /// The 8-byte PNG signature.
  package static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// Every chunk, in order, up to and including `IEND`. Checks lengths and CRCs.
  package static func read(_ bytes: [UInt8]) throws(Failure) -> [Chunk] {
    guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { throw Failure(reason: "not a PNG (bad signature)") }
    var chunks: [Chunk] = []
    var offset = 8
    while offset < bytes.count {
      guard offset + 12 <= bytes.count else { throw Failure(reason: "truncated chunk header at byte \(offset)") }
      let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
      guard length <= 0x7FFF_FFFF, offset + 12 + length <= bytes.count else {
        throw Failure(reason: "chunk length \(length) runs past the end at byte \(offset)")
      }
      let typeBytes = Array(bytes[(offset + 4)..<(offset + 8)])
      guard typeBytes.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) else { throw Failure(reason: "invalid chunk type at byte \(offset)") }
      let type = String(decoding: typeBytes, as: UTF8.self)
      let dataRange = (offset + 8)..<(offset + 8 + length)
      let crcOffset = offset + 8 + length
      let stored = UInt32(bytes[crcOffset]) << 24 | UInt32(bytes[crcOffset + 1]) << 16 | UInt32(bytes[crcOffset + 2]) << 8 | UInt32(bytes[crcOffset + 3])
      guard CRC32.checksum(bytes[(offset + 4)..<crcOffset]) == stored else { throw Failure(reason: "bad CRC in \(type) chunk at byte \(offset)") }
      chunks.append(Chunk(type: type, range: offset..<(crcOffset + 4), dataRange: dataRange))
      offset = crcOffset + 4
      if type == "IEND" { break }
    }
    guard chunks.first?.type == "IHDR" else { throw Failure(reason: "first chunk is not IHDR") }
    guard chunks.last?.type == "IEND" else { throw Failure(reason: "no IEND chunk") }
    return chunks
  }

  /// `bytes` with `newChunks` (complete chunks, e.g. from `PNGEncoder.chunk`) inserted right after IHDR.
  package static func insertAfterHeader(_ bytes: [UInt8], _ newChunks: [[UInt8]]) throws(Failure) -> [UInt8] {
    let chunks = try read(bytes)
    let end = chunks[0].range.upperBound
    var out = [UInt8]()
    out.reserveCapacity(bytes.count + newChunks.reduce(0) { $0 + $1.count })
    out.append(contentsOf: bytes[0..<end])
    for chunk in newChunks { out.append(contentsOf: chunk) }
    out.append(contentsOf: bytes[end...])
    return out
  }

  /// A text chunk's keyword and text: `tEXt` (Latin-1), `iTXt` (UTF-8, uncompressed only).
  /// Returns nil for other chunks and for compressed text (`zTXt`, compressed `iTXt`).
  package static func text(of chunk: Chunk, in bytes: [UInt8]) -> (keyword: String, text: String)? {
    let data = Array(bytes[chunk.dataRange])
    guard let nul = data.firstIndex(of: 0) else { return nil }
    let keyword = String(decoding: data[0..<nul].map { $0 }, as: UTF8.self)
    switch chunk.type {
    case "tEXt":
      let text = String(data[(nul + 1)...].map { Character(Unicode.Scalar($0)) })
      return (keyword, text)
    case "iTXt":
      guard nul + 2 < data.count, data[nul + 1] == 0 else { return nil }  // compressed: not readable without inflate
      var i = nul + 3
      guard let languageEnd = data[i...].firstIndex(of: 0) else { return nil }
      i = languageEnd + 1
      guard let translatedEnd = data[i...].firstIndex(of: 0) else { return nil }
      return (keyword, String(decoding: data[(translatedEnd + 1)...], as: UTF8.self))
    default:
      return nil
    }
  }

  /// An uncompressed `iTXt` chunk (UTF-8 text, empty language tag and translated keyword).
  package static func iTXt(keyword: String, text: String) -> [UInt8] {
    PNGEncoder.chunk(type: "iTXt", data: Array(keyword.utf8) + [0, 0, 0, 0, 0] + Array(text.utf8))
  }

  /// A `tEXt` chunk, or nil when the text is not Latin-1.
  package static func tEXt(keyword: String, text: String) -> [UInt8]? {
    var data = Array(keyword.utf8) + [0]
    for scalar in text.unicodeScalars {
      guard scalar.value <= 0xFF, scalar.value != 0 else { return nil }
      data.append(UInt8(scalar.value))
    }
    return PNGEncoder.chunk(type: "tEXt", data: data)
  }
}
