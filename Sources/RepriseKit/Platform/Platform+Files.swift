import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

extension Platform {
  /// A file's modification time in whole seconds since 1970 (stat(2): `st_mtimespec` on Darwin,
  /// `st_mtim` on Linux).
  package static func modificationTime(_ st: stat) -> Int {
    #if canImport(Darwin)
      return Int(st.st_mtimespec.tv_sec)
    #else
      return Int(st.st_mtim.tv_sec)
    #endif
  }

  /// Flushes `fd`'s data to the storage device. Darwin: `fcntl(F_FULLFSYNC)` (fcntl(2)), since
  /// fsync(2) there only hands the data to the drive, which may keep it in its cache; file
  /// systems that refuse F_FULLFSYNC (some network and FAT volumes) get fsync(2). Linux: fsync(2),
  /// which already asks the drive to flush its cache.
  static func flushToStorage(_ fd: Int32) throws(FileSystem.Failure) {
    #if canImport(Darwin)
      if fcntl(fd, F_FULLFSYNC) == 0 { return }
    #endif
    guard fsync(fd) == 0 else { throw FileSystem.Failure(errno: errno) }
  }

  /// Flushes several files of one file system to the storage device. Linux: one syncfs(2) on the
  /// first descriptor's file system, which writes back every file of it, these included, and
  /// commits the journal once, instead of one fsync(2) (and so one journal commit) per file.
  /// Darwin has no syncfs (nor has a C library without it): each file is flushed as
  /// `flushToStorage` does.
  static func flushTogether(_ fds: [Int32]) throws(FileSystem.Failure) {
    #if !canImport(Darwin)
      if fds.count > 1, let syncfs = LinuxSyncfs.function {
        guard syncfs(fds[0]) == 0 else { throw FileSystem.Failure(errno: errno) }
        return
      }
    #endif
    for fd in fds { try flushToStorage(fd) }
  }

  /// Flushes a folder's entries (names created, renamed or removed in it) to the storage device:
  /// open(2) `O_RDONLY | O_DIRECTORY`, then fsync(2) (`F_FULLFSYNC` on Darwin, as for files).
  static func flushFolder(_ path: String) throws(FileSystem.Failure) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw FileSystem.Failure(errno: errno) }
    defer { close(fd) }
    try flushToStorage(fd)
  }

  /// Sets `path`'s access and modification times to now (utimensat(2), the same call on both
  /// systems: macOS 10.13 and later). False when it fails.
  @discardableResult
  static func touch(_ path: String) -> Bool {
    utimensat(AT_FDCWD, path, nil, 0) == 0
  }

  /// Creates a new file from `template` (ending in `XXXXXX`, replaced by random characters) that
  /// no other process can have created too (mkstemp(3), the same on both systems), marks its
  /// descriptor close-on-exec (fcntl(2) `FD_CLOEXEC`) and returns the descriptor and the path.
  static func makeTemporaryFile(_ template: String) throws(FileSystem.Failure) -> (descriptor: Int32, path: String) {
    var bytes = Array(template.utf8CString)
    let fd = bytes.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw FileSystem.Failure(errno: errno) }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    return (fd, String(decoding: bytes.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self))
  }

  /// Opens the regular file at `path` to be written again from nothing, taking an exclusive lock
  /// without waiting (flock(2) `LOCK_NB`), then checks that the name still reaches the locked file
  /// (fstat(2) and lstat(2): same device and inode, at least one link) and empties it
  /// (ftruncate(2)); the same calls on both systems. Nil, having changed nothing, when the file
  /// is missing, a link, locked by someone else, or was removed or replaced meanwhile.
  static func openForRewrite(_ path: String) -> Int32? {
    let fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    var held = stat(), named = stat()
    guard flock(fd, LOCK_EX | LOCK_NB) == 0, fstat(fd, &held) == 0, (held.st_mode & S_IFMT) == S_IFREG, held.st_nlink > 0,
      lstat(path, &named) == 0, named.st_dev == held.st_dev, named.st_ino == held.st_ino,
      fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0, rewind(fd)
    else {
      close(fd)
      return nil
    }
    return fd
  }

  /// Empties an open file and moves its offset back to the start (ftruncate(2), lseek(2), the
  /// same on both systems), so it can be written again from nothing. False when either fails.
  static func rewind(_ fd: Int32) -> Bool {
    ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0
  }

  /// True when both paths name the same file: same device and inode, links not followed
  /// (lstat(2), the same on both systems). False when either is missing.
  static func isSameFile(_ a: String, _ b: String) -> Bool {
    var first = stat(), second = stat()
    guard lstat(a, &first) == 0, lstat(b, &second) == 0 else { return false }
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino
  }

  /// True when names in `folder` that differ only by letter case reach the same file, as on
  /// APFS and HFS+ by default, FAT, exFAT, SMB shares and ext4 casefold folders. Darwin asks
  /// pathconf(2) `_PC_CASE_SENSITIVE` first (0 means insensitive). Both systems then look: an
  /// entry of the folder with a letter in its name, looked up with that letter's case swapped,
  /// is the same file (lstat(2)). A folder with no such entry counts as case-sensitive, and so
  /// does a missing one.
  package static func isCaseInsensitive(folder: String) -> Bool {
    #if canImport(Darwin)
      switch pathconf(folder, _PC_CASE_SENSITIVE) {
      case 0: return true
      case 1: return false
      default: break  // the file system does not say: look
      }
    #endif
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names.sorted() {
      guard let swapped = caseSwapped(name) else { continue }
      return isSameFile(folder + "/" + name, folder + "/" + swapped)
    }
    return false
  }

  /// `name` with its first ASCII letter's case swapped, or nil when it has none.
  static func caseSwapped(_ name: String) -> String? {
    var bytes = Array(name.utf8)
    guard let i = bytes.firstIndex(where: { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return nil }
    bytes[i] ^= 0x20
    return String(decoding: bytes, as: UTF8.self)
  }
}
