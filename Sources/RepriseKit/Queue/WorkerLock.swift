import Foundation

/// A worker's liveness token: an exclusive `flock` on `workers/<id>.lock`, held for the worker's
/// whole life and released by the kernel when it dies (even by `kill -9`). Liveness is read from
/// the lock, never from a PID, so a reused PID can never count as a worker.
package final class WorkerLock: @unchecked Sendable {
  /// The worker id, e.g. `w1a2b3c4d5e6f7a8`.
  package let id: String
  private let fd: Int32
  private let path: String

  private init(id: String, fd: Int32, path: String) {
    self.id = id
    self.fd = fd
    self.path = path
  }

  /// The environment variables through which a background worker receives the lock its parent
  /// took for it: the inherited descriptor's number and the worker id.
  package static let inheritedDescriptorVariable = "REPRISE_WORKER_LOCK_FD"
  /// See `inheritedDescriptorVariable`.
  package static let inheritedIDVariable = "REPRISE_WORKER_ID"

  /// Creates and locks a new worker lock in `layout.workers`. The file is created and locked
  /// under a temporary name and only then renamed to `<id>.lock`, so no liveness probe ever sees
  /// a lock file that is not yet locked.
  package static func acquire(_ layout: QueueLayout) throws(RepriseError) -> WorkerLock {
    var generator = SystemRandomNumberGenerator()
    let id = "w" + String(format: "%016llx", generator.next() as UInt64)
    let path = layout.workers + "/" + id + ".lock"
    // A locked temporary (named like every other, so recovery can sweep one a crash left) that
    // keeps its lock through the rename.
    let temporary: TemporaryFile
    do { temporary = try TemporaryFile.create(beside: path, tag: nil) } catch {
      throw .badInput("cannot create a worker lock in '\(layout.workers)': \(error.reason)")
    }
    do {
      try temporary.writeParts([Array("pid \(Platform.processID)\n".utf8)[...]])
      return WorkerLock(id: id, fd: try temporary.renameKeepingLock(to: path), path: path)
    } catch {
      temporary.discard()
      throw .badInput("cannot create worker lock '\(path)': \(error.reason)")
    }
  }

  /// The lock a parent took for this process (see `inheritedDescriptorVariable`) when the
  /// descriptor is really that worker's locked file; otherwise a new lock.
  package static func adoptOrAcquire(_ layout: QueueLayout, environment: [String: String]) throws(RepriseError) -> WorkerLock {
    if let text = environment[inheritedDescriptorVariable], let fd = Int32(text), fd > 2,
      let id = environment[inheritedIDVariable], id.hasPrefix("w"), QueuedJob.isSafeName(id)
    {
      let path = layout.workers + "/" + id + ".lock"
      var held = stat(), named = stat()
      if fstat(fd, &held) == 0, lstat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino,
        Platform.lock(fd, .exclusiveNow)
      {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return WorkerLock(id: id, fd: fd, path: path)
      }
    }
    return try acquire(layout)
  }

  /// The descriptor, for handing the lock to a child process (`DetachedProcess.spawn`).
  var descriptor: Int32 { fd }

  /// Closes this process's descriptor without unlocking: a child that inherited the lock keeps
  /// holding it. (`flock` locks belong to the open file, shared by every inherited descriptor.)
  func handOver() { close(fd) }

  /// Releases the lock and removes its file.
  package func release() {
    unlink(path)
    Platform.unlock(fd)
    close(fd)
  }

  /// True while some process holds the worker `id`'s lock.
  package static func isAlive(_ layout: QueueLayout, id: String) -> Bool {
    let path = layout.workers + "/" + id + ".lock"
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    if Platform.lock(fd, .sharedNow) {
      Platform.unlock(fd)
      return false
    }
    return Platform.lockWasHeld
  }

  /// How many workers are alive, without removing anything (for read-only reports).
  package static func liveWorkerCount(_ layout: QueueLayout) -> Int {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: layout.workers) else { return 0 }
    return names.filter { $0.hasSuffix(".lock") && $0.hasPrefix("w") && isAlive(layout, id: String($0.dropLast(5))) }.count
  }

  /// Ids of live workers; lock files of dead workers are removed.
  package static func liveWorkers(_ layout: QueueLayout) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: layout.workers) else { return [] }
    var live: [String] = []
    for name in names.sorted() where name.hasSuffix(".lock") && name.hasPrefix("w") && QueuedJob.isSafeName(name) {
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
  package static func withHandoffLock<T, E: Error>(_ layout: QueueLayout, _ body: () throws(E) -> T) throws(E) -> T {
    let fd = open(layout.workers + "/.handoff.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    if fd >= 0 {
      Platform.lock(fd, .exclusive)
    }
    defer {
      if fd >= 0 {
        Platform.unlock(fd)
        close(fd)
      }
    }
    return try body()
  }
}
