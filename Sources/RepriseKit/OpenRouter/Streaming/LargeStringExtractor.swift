import Foundation

/// Streams a response body saved to a file and takes the large base64 image strings out of it, so
/// neither a body of tens of megabytes nor its images are ever in memory whole: each large image
/// is decoded straight into an unlinked temporary file of its own (`ImageSpool`), its sha256 and
/// PNG layout computed as it is written, and handed on as file-backed `ImageBytes`.
///
/// The file is read in chunks with `pread(2)`. String values longer than `threshold` raw bytes
/// that sit where `ResponseParser` reads an image (see `StreamingJSONFrame.stringOptions`) and hold
/// a clean `data:image/*;base64,` URL or raw base64 are decoded as they stream into a
/// `ResponseBlob`; in the reduced JSON the string becomes the blob's placeholder. Everything else,
/// including a long string that turns out not to be valid base64, is copied unchanged, so parsing
/// the reduced JSON with its blobs gives what parsing the body would have.
package struct LargeStringExtractor: Sendable {
  /// Strings with more raw bytes than this are candidates (256 KiB by default).
  package let threshold: Int
  /// Bytes read per `pread`.
  package let chunkSize: Int
  /// How many of a string's first characters its placeholder keeps (at most half the threshold).
  package let placeholderCharacters: Int
  /// The folder decoded images are written to (unlinked at once): the system temporary folder by default.
  package let spoolFolder: String

  /// An extractor with the given limits.
  package init(threshold: Int = 256 * 1024, chunkSize: Int = 1 << 20, placeholderCharacters: Int = 2048, spoolFolder: String? = nil) {
    self.threshold = threshold
    self.chunkSize = max(1, chunkSize)
    self.placeholderCharacters = placeholderCharacters
    self.spoolFolder = spoolFolder ?? FileManager.default.temporaryDirectory.path
  }

  /// The body in the file at `path`, with its large image strings taken out.
  /// - Throws: `POSIXError` when the file cannot be read.
  package func extract(path: String) throws -> ExtractedBody {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(fd) }
    return try extract(fileDescriptor: fd)
  }

  /// The body in the open file `fd` (read by offset from its start; the file position is not
  /// used), with its large image strings taken out.
  /// - Throws: `POSIXError` when the file cannot be read, `URLError` when a decoded image cannot
  ///   be written to the spool folder.
  package func extract(fileDescriptor fd: Int32) throws -> ExtractedBody {
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    var pass = StreamingExtraction(
      fd: fd, fileSize: Int(info.st_size), threshold: threshold, placeholderCharacters: placeholderCharacters, spoolFolder: spoolFolder)
    // No bigger than the body (plus one byte, to see the end at once): a small reply does not
    // pay for clearing and faulting in a whole chunk.
    var buffer = [UInt8](repeating: 0, count: min(chunkSize, max(0, Int(info.st_size)) + 1))
    var offset = 0
    while true {
      let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(offset)) }
      if count < 0 {
        if errno == EINTR { continue }
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
      }
      if count == 0 { break }
      try buffer.withUnsafeBufferPointer { try pass.consume(UnsafeBufferPointer(rebasing: $0[..<count]), at: offset) }
      offset += count
    }
    return try pass.finish(endOffset: offset)
  }

  /// The first `count` bytes of the open file `fd` (fewer when it is shorter).
  package static func prefix(ofFile fd: Int32, count: Int) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(filled)) }
      if n < 0, errno == EINTR { continue }
      if n < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
      if n == 0 { break }
      filled += n
    }
    return Array(bytes[..<filled])
  }
}
