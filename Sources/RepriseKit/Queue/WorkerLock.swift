import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A worker's liveness token: an exclusive `flock` on `workers/<id>.lock`, held for the worker's
/// whole life and released by the kernel when it dies (even by `kill -9`). Liveness is read from
/// the lock, never from a PID, so a reused PID can never count as a worker.
public final class WorkerLock: @unchecked Sendable {
  /// The worker id, e.g. `w1a2b3c4d5e6f7a8`.
  public let id: String
  private let fd: Int32
  private let path: String

  private init(id: String, fd: Int32, path: String) {
    self.id = id
    self.fd = fd
    self.path = path
  }

  /// Creates and locks a new worker lock in `layout.workers`.
  public static func acquire(_ layout: QueueLayout) throws(RepriseError) -> WorkerLock {
    var generator = SystemRandomNumberGenerator()
    let id = "w" + String(format: "%016llx", generator.next() as UInt64)
    let path = layout.workers + "/" + id + ".lock"
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { throw .badInput("cannot create worker lock '\(path)': \(String(cString: strerror(errno)))") }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      throw .badInput("cannot lock worker lock '\(path)'")
    }
    let info = "pid \(getpid())\n"
    _ = info.withCString { write(fd, $0, strlen($0)) }
    return WorkerLock(id: id, fd: fd, path: path)
  }

  /// Releases the lock and removes its file.
  public func release() {
    unlink(path)
    flock(fd, LOCK_UN)
    close(fd)
  }

  /// True while some process holds the worker `id`'s lock.
  public static func isAlive(_ layout: QueueLayout, id: String) -> Bool {
    let path = layout.workers + "/" + id + ".lock"
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    if flock(fd, LOCK_SH | LOCK_NB) == 0 {
      flock(fd, LOCK_UN)
      return false
    }
    return errno == EWOULDBLOCK
  }

  /// Ids of live workers; lock files of dead workers are removed.
  public static func liveWorkers(_ layout: QueueLayout) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: layout.workers) else { return [] }
    var live: [String] = []
    for name in names.sorted() where name.hasSuffix(".lock") && name.hasPrefix("w") {
      let id = String(name.dropLast(5))
      if isAlive(layout, id: id) {
        live.append(id)
      } else {
        unlink(layout.workers + "/" + name)
      }
    }
    return live
  }

  /// Runs `body` holding the queue-wide exclusive lock `workers/.handoff.lock`. Workers take it
  /// for their final "nothing left?" check and exit; handoffs take it to count live workers. So a
  /// job queued at the cap is always seen by a live worker or causes a new one.
  public static func withHandoffLock<T>(_ layout: QueueLayout, _ body: () throws -> T) rethrows -> T {
    let fd = open(layout.workers + "/.handoff.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    if fd >= 0 {
      while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
    }
    defer {
      if fd >= 0 {
        flock(fd, LOCK_UN)
        close(fd)
      }
    }
    return try body()
  }
}
