import Foundation

/// A temporary file beside its destination, named `.<name>[.<tag>].tmp-<pid>-<random>` so that
/// recovery can tell whose it is, and held under an exclusive `flock` from creation until it is
/// placed or discarded: an unlocked temporary whose process is gone was abandoned by a crash.
package final class TemporaryFile: @unchecked Sendable {
  /// The temporary's path.
  package let path: String
  private var fd: Int32

  private init(path: String, fd: Int32) {
    self.path = path
    self.fd = fd
  }

  deinit { if fd >= 0 { close(fd) } }

  /// Creates and locks a new temporary in the folder of `destination`.
  static func create(beside destination: String, tag: String?) throws(FileSystem.Failure) -> TemporaryFile {
    let dir = (destination as NSString).deletingLastPathComponent
    let base = (destination as NSString).lastPathComponent
    let middle = tag.map { "." + $0 } ?? ""
    let (fd, path) = try Platform.makeTemporaryFile((dir.isEmpty ? "." : dir) + "/." + base + middle + ".tmp-\(Platform.processID)-XXXXXX")
    Platform.lock(fd, .exclusive)
    fchmod(fd, 0o644)
    return TemporaryFile(path: path, fd: fd)
  }

  /// Takes over an existing temporary (a spare from `SpareFiles`, in the folder of the file it
  /// will be placed as): locked, emptied, written from the start. Nil when it is gone, locked or
  /// replaced (the caller creates a new one instead).
  static func reuse(_ path: String) -> TemporaryFile? {
    guard owner(ofName: (path as NSString).lastPathComponent) != nil, let fd = Platform.openForRewrite(path) else { return nil }
    fchmod(fd, 0o644)
    return TemporaryFile(path: path, fd: fd)
  }

  /// Appends `parts` and flushes them to disk.
  func append(_ parts: [ArraySlice<UInt8>]) throws(FileSystem.Failure) {
    try writeParts(parts)
    try flush()
  }

  /// Flushes what was written to disk (fsync; F_FULLFSYNC on Darwin).
  func flush() throws(FileSystem.Failure) {
    try Platform.flushToStorage(fd)
  }

  /// Flushes several temporaries of one folder to disk together (`Platform.flushTogether`).
  static func flushAll(_ files: [TemporaryFile]) throws(FileSystem.Failure) {
    try Platform.flushTogether(files.map(\.fd))
  }

  /// Appends `parts` without flushing them (call `flush` before placing).
  func writeParts(_ parts: [ArraySlice<UInt8>]) throws(FileSystem.Failure) {
    for part in parts {
      var failure: FileSystem.Failure?
      part.withUnsafeBytes { raw in
        do throws(FileSystem.Failure) { try writeAll(raw) } catch { failure = error }
      }
      if let failure { throw failure }
    }
  }

  /// A new, locked temporary beside `destination` holding `image`, streamed from its source 1 MiB
  /// at a time (the image is never in memory whole) and flushed to disk, and the hex sha256 of
  /// what was written (computed as it is written; the provider's when nothing was inserted).
  /// The temporary is removed when anything fails.
  static func written(_ image: ImageProvenance.Annotated, beside destination: String, tag: String?) throws(FileSystem.Failure) -> (
    file: TemporaryFile, sha256: String
  ) {
    let temporary = try create(beside: destination, tag: tag)
    do throws(FileSystem.Failure) {
      let digest = try image.stream { (chunk) throws(FileSystem.Failure) in try temporary.writeAll(chunk) }
      try Platform.flushToStorage(temporary.fd)
      return (temporary, digest)
    } catch {
      temporary.discard()
      throw error
    }
  }

  /// Writes all of `bytes` at the file's position.
  private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(FileSystem.Failure) {
    var written = 0
    while written < bytes.count {
      let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
      if n < 0 {
        if errno == EINTR { continue }
        throw FileSystem.Failure(errno: errno)
      }
      written += n
    }
  }

  /// Puts the temporary at `destination`: `rename(2)` when replacing is allowed; otherwise
  /// `Platform.placeWithoutReplacing` (an atomic no-replace rename, else a hard link, else an
  /// exclusive create and copy), which fails with EEXIST when the destination exists. The lock is
  /// released afterwards.
  package func place(at destination: String, replacing: Bool) throws(FileSystem.Failure) {
    if replacing {
      guard rename(path, destination) == 0 else { throw FileSystem.Failure(errno: errno) }
    } else {
      try Platform.placeWithoutReplacing(path, at: destination)
    }
    release()
  }

  /// Removes the temporary (nothing is placed).
  /// Renames the temporary to `destination` (replacing) and hands over its open descriptor, still
  /// locked: the caller owns it from then on (a worker's lock file, which must never appear
  /// unlocked).
  func renameKeepingLock(to destination: String) throws(FileSystem.Failure) -> Int32 {
    guard rename(path, destination) == 0 else { throw FileSystem.Failure(errno: errno) }
    let handed = fd
    fd = -1
    return handed
  }

  package func discard() {
    unlink(path)
    release()
  }

  private func release() {
    if fd >= 0 {
      close(fd)
      fd = -1
    }
  }

  /// Who wrote a temporary, parsed from its file name; nil for names that are not temporaries.
  struct Owner: Equatable {
    /// The writer's process id; nil for temporaries named by earlier versions (no pid).
    let pid: pid_t?
  }

  /// The owner of a temporary called `name`, or nil when `name` is not a reprise temporary.
  static func owner(ofName name: String) -> Owner? {
    guard name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards) else { return nil }
    let tail = name[range.upperBound...]
    let parts = tail.split(separator: "-", omittingEmptySubsequences: false)
    if parts.count == 2, let pid = Int32(parts[0]), pid > 0, parts[1].count == 6 { return Owner(pid: pid) }
    if parts.count == 1, tail.count == 6 { return Owner(pid: nil) }
    return nil
  }
}
