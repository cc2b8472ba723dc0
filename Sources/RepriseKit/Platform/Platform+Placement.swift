import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

extension Platform {
  /// The ways `placeWithoutReplacing` can put a file at a name, tried in this order.
  enum NoReplaceStrategy: Int, Sendable, CaseIterable, Comparable {
    /// One atomic rename that fails when the name exists: renameat2(2) `RENAME_NOREPLACE` on
    /// Linux (glibc 2.28, kernel 3.15; ext4, xfs, btrfs, tmpfs...), renamex_np(2) `RENAME_EXCL`
    /// on Darwin (macOS 10.12; APFS, HFS+).
    case atomicRename
    /// link(2) to the new name (fails when it exists), then unlink(2) of the old one.
    case link
    /// open(2) of the new name with `O_CREAT | O_EXCL`, a copy, a full flush, then unlink(2) of
    /// the old one: for volumes without hard links (FAT, exFAT, some SMB shares). Not atomic: a
    /// crash during the copy leaves a partial file at the new name.
    case exclusiveCopy

    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
  }

  /// Moves the file at `source` to `destination` (same folder) without ever replacing a file
  /// already there, on every file system: the atomic no-replace rename where the kernel and the
  /// file system have one, else a hard link, else an exclusive create and copy. A strategy the
  /// file system does not support passes to the next; any other failure ends it.
  /// - Parameters:
  ///   - first: the first strategy to try (tests start later in the chain).
  ///   - unsupported: strategies to treat as unsupported without calling the kernel (tests).
  /// - Returns: the strategy that placed the file.
  /// - Throws: `EEXIST` when `destination` exists (it is untouched), otherwise the real cause.
  @discardableResult
  static func placeWithoutReplacing(
    _ source: String, at destination: String, from first: NoReplaceStrategy = .atomicRename, unsupported: Set<NoReplaceStrategy> = []
  ) throws(FileSystem.Failure) -> NoReplaceStrategy {
    var lastUnsupported: Int32 = ENOTSUP
    for strategy in NoReplaceStrategy.allCases where strategy >= first {
      let code: Int32
      if unsupported.contains(strategy) {
        code = ENOTSUP
      } else {
        switch strategy {
        case .atomicRename: code = renameNoReplace(source, destination)
        case .link: code = linkThenUnlink(source, destination)
        case .exclusiveCopy: code = copyExclusively(source, destination)
        }
      }
      if code == 0 { return strategy }
      if code == EEXIST || !isUnsupported(code, by: strategy) { throw FileSystem.Failure(errno: code) }
      lastUnsupported = code
    }
    throw FileSystem.Failure(errno: lastUnsupported)
  }

  /// True when `code` from `strategy` means "this file system (or kernel) cannot do that", as
  /// opposed to a real failure such as a full disk or a missing folder.
  static func isUnsupported(_ code: Int32, by strategy: NoReplaceStrategy) -> Bool {
    switch strategy {
    // renameat2(2): EINVAL for a flag the file system lacks, ENOSYS on kernels before 3.15 (or a
    // glibc without the wrapper). renamex_np(2): ENOTSUP, EINVAL.
    case .atomicRename: return [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(code)
    // link(2): EPERM on Linux when the file system has no hard links (vfat, exFAT); ENOTSUP /
    // EOPNOTSUPP on Darwin and FUSE; EXDEV from network file systems that refuse links even
    // within one folder; EMLINK never applies to a new temporary.
    case .link: return [EPERM, ENOTSUP, EOPNOTSUPP, EXDEV].contains(code)
    case .exclusiveCopy: return false
    }
  }

  /// The atomic no-replace rename, as 0 or an errno.
  static func renameNoReplace(_ source: String, _ destination: String) -> Int32 {
    #if canImport(Darwin)
      // renamex_np(2), macOS 10.12: RENAME_EXCL fails with EEXIST when `destination` exists.
      return renamex_np(source, destination, UInt32(RENAME_EXCL)) == 0 ? 0 : errno
    #else
      // renameat2(2) RENAME_NOREPLACE (1, linux/fs.h). Swift does not import glibc's
      // renameat2 declaration (it is behind _GNU_SOURCE), so it is looked up with dlsym(3).
      guard let renameat2 = LinuxRenameat2.function else { return ENOSYS }
      return renameat2(AT_FDCWD, source, AT_FDCWD, destination, 1) == 0 ? 0 : errno
    #endif
  }

  /// link(2) then unlink(2) of `source`, as 0 or an errno (link's; a failed unlink leaves a
  /// second name for the placed file, which recovery removes as an abandoned temporary).
  static func linkThenUnlink(_ source: String, _ destination: String) -> Int32 {
    guard link(source, destination) == 0 else { return errno }
    unlink(source)
    return 0
  }

  /// Creates `destination` exclusively (open(2) `O_CREAT | O_EXCL | O_NOFOLLOW`), copies
  /// `source` into it, flushes it and removes `source`; as 0 or an errno. A failed copy removes
  /// the partial destination (it is ours: the exclusive create made it).
  static func copyExclusively(_ source: String, _ destination: String) -> Int32 {
    let input = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard input >= 0 else { return errno }
    defer { close(input) }
    var st = stat()
    guard fstat(input, &st) == 0 else { return errno }
    let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode_t(st.st_mode & 0o777))
    guard output >= 0 else { return errno }
    var failure: Int32 = 0
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    copying: while true {
      let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if n == 0 { break }
      if n < 0 {
        if errno == EINTR { continue }
        failure = errno
        break
      }
      var written = 0
      while written < n {
        let w = chunk.withUnsafeBytes { write(output, $0.baseAddress! + written, n - written) }
        if w < 0 {
          if errno == EINTR { continue }
          failure = errno
          break copying
        }
        written += w
      }
    }
    if failure == 0 {
      do { try flushToStorage(output) } catch { failure = error.code }
    }
    if close(output) != 0 && failure == 0 { failure = errno }
    if failure != 0 {
      unlink(destination)
      return failure
    }
    unlink(source)
    return 0
  }
}
