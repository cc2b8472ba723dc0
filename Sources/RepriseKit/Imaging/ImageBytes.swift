import Foundation

/// One image's bytes as the provider sent them, in memory (small images, tests) or in an unlinked
/// temporary file (every large image decoded from a response, and downloaded ones), with what the
/// writer needs known up front: the size, the sha256, the first bytes for sniffing and the PNG
/// chunk layout. All of it was computed in the one pass that produced the bytes, so writing the
/// image reads the file once more and never hashes the provider's bytes again.
///
/// A file-backed image holds its descriptor until the last reference goes; the file has no name,
/// so it disappears then (or when the process dies). Reads use `pread`, so copies of the reference
/// can be read from any thread.
public final class ImageBytes: @unchecked Sendable, Equatable, CustomStringConvertible {
  private enum Storage {
    case memory([UInt8])
    case file(Int32)
  }

  /// How many leading bytes `head` keeps: far more than any header `ImageInfo.sniff` reads
  /// (a JPEG's frame header can follow 64 KB segments of EXIF and ICC data).
  static let headLimit = 256 * 1024

  private let storage: Storage
  /// Size in bytes.
  public let count: Int
  /// Hex sha256 of the bytes.
  public let sha256: String
  /// The first bytes (all of them, up to `headLimit`).
  public let head: [UInt8]
  /// The chunk layout when the bytes are a well-formed PNG; nil otherwise.
  package let pngLayout: PNGChunkScanner.Layout?

  /// Bytes in memory, hashed and scanned now.
  public init(_ bytes: [UInt8]) {
    var digester = ImageDigester()
    digester.feed(bytes)
    storage = .memory(bytes)
    count = bytes.count
    sha256 = digester.hasher.finalize().hexString
    head = Array(bytes.prefix(Self.headLimit))
    pngLayout = digester.scanner.finish()
  }

  /// Takes over the open descriptor of an unlinked file whose bytes `digester` saw.
  init(adopting fd: Int32, digester: ImageDigester) {
    var digester = digester
    storage = .file(fd)
    count = digester.count
    sha256 = digester.hasher.finalize().hexString
    head = digester.head
    pngLayout = digester.scanner.finish()
  }

  deinit { if case .file(let fd) = storage { close(fd) } }

  /// Takes over `fd` (an open, unlinked file, read by offset from its start): reads it once to
  /// hash and scan it.
  /// - Throws: `FileSystem.Failure` when it cannot be read.
  static func adopting(_ fd: Int32) throws(FileSystem.Failure) -> ImageBytes {
    var digester = ImageDigester()
    do throws(FileSystem.Failure) {
      try ImageBytes.forEachChunk(of: fd, in: 0..<Int.max) { digester.feed($0) }
    } catch {
      close(fd)
      throw error
    }
    return ImageBytes(adopting: fd, digester: digester)
  }

  /// True when the bytes live in a file, not in memory.
  public var isFileBacked: Bool {
    if case .file = storage { return true }
    return false
  }

  public var description: String { "ImageBytes(\(count) bytes, sha256 \(sha256.prefix(12)), \(isFileBacked ? "file" : "memory"))" }

  /// Same size and digest: the same bytes.
  public static func == (a: ImageBytes, b: ImageBytes) -> Bool { a.count == b.count && a.sha256 == b.sha256 }

  /// Calls `body` with the bytes in `range` (clamped to the image), 1 MiB at a time.
  /// - Throws: `FileSystem.Failure` when the file cannot be read, or what `body` throws.
  package func forEachChunk(in range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws(FileSystem.Failure) -> Void) throws(FileSystem.Failure) {
    let clamped = max(0, range.lowerBound)..<min(count, range.upperBound)
    guard !clamped.isEmpty else { return }
    switch storage {
    case .memory(let bytes):
      var failure: FileSystem.Failure?
      bytes.withUnsafeBytes { raw in
        do throws(FileSystem.Failure) { try body(UnsafeRawBufferPointer(rebasing: raw[clamped])) } catch { failure = error }
      }
      if let failure { throw failure }
    case .file(let fd):
      try ImageBytes.forEachChunk(of: fd, in: clamped, body)
    }
  }

  /// All the bytes in memory (tests, small images).
  /// - Throws: `FileSystem.Failure` when the file cannot be read.
  package func contents() throws(FileSystem.Failure) -> [UInt8] {
    if case .memory(let bytes) = storage { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(count)
    try forEachChunk(in: 0..<count) { out.append(contentsOf: $0) }
    return out
  }

  /// Reads `range` of the file `fd` (to its end, when shorter) in 1 MiB pieces with pread(2).
  private static func forEachChunk(of fd: Int32, in range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws(FileSystem.Failure) -> Void) throws(FileSystem
    .Failure)
  {
    let size = 1 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    defer { buffer.deallocate() }
    var offset = range.lowerBound
    while offset < range.upperBound {
      let n = pread(fd, buffer.baseAddress!, min(size, range.upperBound - offset), off_t(offset))
      if n < 0 {
        if errno == EINTR { continue }
        throw FileSystem.Failure(errno: errno)
      }
      if n == 0 { break }
      try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
      offset += n
    }
  }
}

/// What `ImageBytes` learns in the pass that produces the bytes: size, sha256 (on the system's
/// SHA-256 when there is one), the first bytes and the PNG chunk layout.
struct ImageDigester {
  var hasher = SHA256(engine: Platform.sha256Engine)
  var scanner = PNGChunkScanner()
  private(set) var head: [UInt8] = []
  private(set) var count = 0

  /// Takes the next bytes.
  mutating func feed(_ bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty else { return }
    hasher.update(bytes)
    if scanner.isViable { scanner.feed(bytes) }
    if head.count < ImageBytes.headLimit { head.append(contentsOf: bytes.prefix(ImageBytes.headLimit - head.count)) }
    count += bytes.count
  }

  /// Takes the next bytes.
  mutating func feed(_ bytes: [UInt8]) { bytes.withUnsafeBytes { feed($0) } }
}
