import Foundation

/// An exclusive `flock` on a lock file, for read-modify-write of a file that several invocations
/// may rewrite at once (a manifest). The lock file is removed when released; a waiter that wakes
/// up holding a removed file sees that its inode is no longer at the path and tries again, so two
/// processes never both believe they hold the lock. A lock file left by `kill -9` is simply
/// taken by the next process (the kernel released its lock).
package enum FileLock {
  /// Runs `body` holding the exclusive lock at `path` (created if missing).
  package static func withExclusive<T, E: Error>(_ path: String, _ body: () throws(E) -> T) throws(E) -> T {
    let fd = lock(path)
    defer {
      if fd >= 0 {
        unlink(path)
        Platform.unlock(fd)
        close(fd)
      }
    }
    return try body()
  }

  /// Opens and locks `path`; -1 when the folder cannot take a lock file (the caller then proceeds
  /// unlocked and its write reports the real problem).
  static func lock(_ path: String) -> Int32 {
    while true {
      let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
      guard fd >= 0 else { return -1 }
      guard Platform.lock(fd, .exclusive) else {
        close(fd)
        return -1
      }
      var held = stat(), named = stat()
      if fstat(fd, &held) == 0, lstat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino { return fd }
      close(fd)  // removed by the previous holder while we waited: lock the new file instead
    }
  }
}
