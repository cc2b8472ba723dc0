import Foundation

/// Where one large base64 payload is decoded to while `LargeStringExtractor` streams a body: an
/// unlinked temporary file (in `folder`, the system temporary folder by default), written as the
/// decoded bytes arrive and hashed, sniffed and PNG-scanned on the way (`ImageDigester`). The
/// image is never in memory whole; `finish()` hands the file over as `ImageBytes`.
final class ImageSpool {
  private var fd: Int32
  private var digester = ImageDigester()

  /// A new, empty spool file in `folder`.
  /// - Throws: `URLError(.cannotCreateFile)` when the file cannot be created.
  init(folder: String) throws {
    let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    do {
      let created = try Platform.makeTemporaryFile(base + "/reprise-image-XXXXXX")
      unlink(created.path)
      fd = created.descriptor
    } catch {
      throw URLError(
        .cannotCreateFile, userInfo: [NSLocalizedDescriptionKey: "cannot create a temporary file for the response image in \(folder): \(error.reason)"])
    }
  }

  deinit { if fd >= 0 { close(fd) } }

  /// Appends decoded bytes.
  /// - Throws: `URLError(.cannotWriteToFile)` when they cannot be written (a full disk).
  func append(_ bytes: UnsafeRawBufferPointer) throws {
    var written = 0
    while written < bytes.count {
      let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
      if n < 0 {
        if errno == EINTR { continue }
        throw URLError(.cannotWriteToFile, userInfo: [NSLocalizedDescriptionKey: "cannot save the response image: \(Platform.errorMessage(errno))"])
      }
      written += n
    }
    digester.feed(bytes)
  }

  /// The bytes written, as an image that owns the file from now on.
  func finish() -> ImageBytes {
    let image = ImageBytes(adopting: fd, digester: digester)
    fd = -1
    return image
  }
}
