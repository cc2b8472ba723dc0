import Foundation
#if canImport(Glibc)
  import Glibc
#endif

/// File operations with the guarantees reprise promises: reads report POSIX reasons, writes are
/// atomic (temp file in the same folder, fsync, rename) and never follow a symlink at the target.
public enum FileSystem {
  /// A failed file operation with a short human reason.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    /// e.g. "No such file or directory".
    public let reason: String
    /// The POSIX errno, when one applies.
    public let code: Int32
    public var description: String { reason }
    init(errno code: Int32) {
      self.code = code
      self.reason = String(cString: strerror(code))
    }
    init(_ reason: String) {
      self.reason = reason
      self.code = 0
    }
  }

  /// What is at a path, without following a final symlink.
  public enum EntryKind: Sendable, Equatable {
    case missing, file, directory, symlink, other
  }

  /// The kind of entry at `path` (lstat).
  public static func entryKind(_ path: String) -> EntryKind {
    var st = stat()
    guard lstat(path, &st) == 0 else { return .missing }
    switch st.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK: return .symlink
    default: return .other
    }
  }

  /// True when `path` is a directory, following symlinks.
  public static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// Reads a whole regular file.
  public static func readFile(_ path: String, limit: Int = Int.max, noFollow: Bool = false) throws(Failure) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC | (noFollow ? O_NOFOLLOW : 0))
    guard fd >= 0 else { throw Failure(errno: errno) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw Failure(errno: errno) }
    if (st.st_mode & S_IFMT) == S_IFDIR { throw Failure("is a folder, not a file") }
    guard (st.st_mode & S_IFMT) == S_IFREG else { throw Failure("is not a regular file") }
    if Int(st.st_size) > limit { throw Failure("is \(st.st_size) bytes, more than the limit of \(limit)") }
    var out = [UInt8]()
    out.reserveCapacity(Int(st.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw Failure(errno: errno)
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
      if out.count > limit { throw Failure("is more than the limit of \(limit) bytes") }
    }
    return out
  }

  /// Writes `bytes` to `path` atomically: a temp file in the same folder, fsync, then rename.
  /// The destination is either untouched or complete. Refuses to write through a symlink.
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
    if entryKind(path) == .symlink { throw Failure("is a symbolic link; reprise does not write through links") }
    let dir = (path as NSString).deletingLastPathComponent
    let base = (path as NSString).lastPathComponent
    var template = Array(((dir.isEmpty ? "." : dir) + "/." + base + ".tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw Failure(errno: errno) }
    let tempPath = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var ok = false
    defer {
      if !ok { unlink(tempPath) }
    }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
      if n < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(fd)
        throw Failure(errno: code)
      }
      written += n
    }
    fchmod(fd, 0o644)
    if fsync(fd) != 0 {
      let code = errno
      close(fd)
      throw Failure(errno: code)
    }
    close(fd)
    guard rename(tempPath, path) == 0 else { throw Failure(errno: errno) }
    ok = true
  }

  /// Writes `parts` atomically as one file (temp file, fsync, rename), without joining them.
  public static func writeAtomically(parts: [ArraySlice<UInt8>], to path: String) throws(Failure) {
    if entryKind(path) == .symlink { throw Failure("is a symbolic link; reprise does not write through links") }
    let temporary = try writeTemporary(parts: parts, beside: path, tag: "reprise")
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw Failure(errno: code)
    }
  }

  /// Writes text atomically (UTF-8).
  public static func writeAtomically(_ text: String, to path: String) throws(Failure) {
    try writeAtomically(Array(text.utf8), to: path)
  }

  /// Writes `bytes` to a new temporary file beside `path` (fsynced) and returns its path.
  public static func writeTemporary(_ bytes: [UInt8], beside path: String, tag: String) throws(Failure) -> String {
    try writeTemporary(parts: [bytes[...]], beside: path, tag: tag)
  }

  /// Writes `parts` one after another to a new temporary file beside `path` (fsynced), without
  /// joining them in memory first, and returns its path.
  public static func writeTemporary(parts: [ArraySlice<UInt8>], beside path: String, tag: String) throws(Failure) -> String {
    let dir = (path as NSString).deletingLastPathComponent
    let base = (path as NSString).lastPathComponent
    var template = Array(((dir.isEmpty ? "." : dir) + "/." + base + "." + tag + ".tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw Failure(errno: errno) }
    let tempPath = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    for part in parts {
      var written = 0
      while written < part.count {
        let n = part.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
        if n < 0 {
          if errno == EINTR { continue }
          let code = errno
          close(fd)
          unlink(tempPath)
          throw Failure(errno: code)
        }
        written += n
      }
    }
    fchmod(fd, 0o644)
    let synced = fsync(fd) == 0
    close(fd)
    guard synced else {
      unlink(tempPath)
      throw Failure("cannot flush to disk")
    }
    return tempPath
  }

  /// Puts `temporary` in place at `path` without ever replacing an existing file (`link(2)`
  /// fails if `path` exists), then removes the temporary name. Throws `EEXIST` when taken.
  public static func placeNoReplace(_ temporary: String, at path: String) throws(Failure) {
    guard link(temporary, path) == 0 else { throw Failure(errno: errno) }
    unlink(temporary)
  }

  /// Puts `temporary` in place at `path`, replacing what is there (`rename(2)`).
  public static func placeReplacing(_ temporary: String, at path: String) throws(Failure) {
    guard rename(temporary, path) == 0 else { throw Failure(errno: errno) }
  }

  /// Creates `path` and its parents (mode 0755). Succeeds if it already is a folder.
  public static func makeDirectories(_ path: String) throws(Failure) {
    if isDirectory(path) { return }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw Failure("cannot create folder: \(PlainReason.of(error))")
    }
  }

  /// The canonical absolute path (symlinks resolved), or nil when it does not exist.
  public static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The current working directory.
  public static var currentDirectory: String { FileManager.default.currentDirectoryPath }
}
