import Foundation

/// The right to run a request's completion hook: `handoff/on-complete/<request_id>.fired`, held
/// under an exclusive `flock` by the process running the hook, its content the hook's state.
///
/// The file only ever appears already locked and already saying `claimed` (written and locked
/// under a temporary name, then placed without replacing anything), so exactly one process wins
/// the claim and no one can mistake a claim being made for an abandoned one. The state then goes
/// `claimed` -> `running` (the program was started) -> `ran` (it ended; exit code recorded). A
/// marker found unlocked (its holder died, e.g. `kill -9`) still saying `claimed` never started
/// the program, so it may be taken over and the hook run; one saying `running` did start it and
/// is closed as `abandoned` instead (never run twice).
package final class HookMarker: @unchecked Sendable {
  /// The states a marker records.
  package enum State: String, Sendable {
    /// Claimed; the program has not been started.
    case claimed
    /// The program was started and is being waited for.
    case running
    /// The program ended (or could not be started); the record says how.
    case ran
    /// The program was started but its firer died before it ended: its exit code is unknown.
    case abandoned
  }

  /// The marker's path.
  package let path: String
  private let fd: Int32

  private init(path: String, fd: Int32) {
    self.path = path
    self.fd = fd
  }

  /// Claims a new marker at `path`; nil when one exists already (someone else claimed it).
  /// - Throws: the file system's reason when the marker cannot be written.
  static func claim(_ path: String, content: JSONValue) throws(FileSystem.Failure) -> HookMarker? {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let (fd, temporary) = try Platform.makeTemporaryFile(folder + "/." + name + ".tmp-\(Platform.processID)-XXXXXX")
    guard Platform.lock(fd, .exclusiveNow) else {
      unlink(temporary)
      close(fd)
      throw FileSystem.Failure("cannot lock '\(temporary)'")
    }
    fchmod(fd, 0o644)
    let marker = HookMarker(path: path, fd: fd)
    marker.write(content)
    do { try Platform.placeWithoutReplacing(temporary, at: path) } catch {
      unlink(temporary)
      close(fd)
      if error.code == EEXIST { return nil }
      throw error
    }
    return marker
  }

  /// Takes over the existing marker at `path` when no process holds it and it still says
  /// `claimed` (or is unreadable). A `running` one whose holder died is returned too, so the
  /// caller can close it as `abandoned`. Nil when it is held, missing, or already ended.
  static func takeOver(_ path: String) -> (marker: HookMarker, state: State)? {
    let fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return nil }
    guard Platform.lock(fd, .exclusiveNow) else {
      close(fd)
      return nil
    }
    let state = Self.read(path).flatMap { $0["state"]?.stringValue }.flatMap(State.init(rawValue:)) ?? .claimed
    guard state == .claimed || state == .running else {
      Platform.unlock(fd)
      close(fd)
      return nil
    }
    return (HookMarker(path: path, fd: fd), state)
  }

  /// The marker's recorded content, if readable.
  static func read(_ path: String) -> JSONValue? {
    guard let bytes = try? FileSystem.readFile(path, limit: 1_048_576, noFollow: true) else { return nil }
    return try? JSONParser().parse(bytes)
  }

  /// Replaces the content in place (the lock lives on this file, so it is never renamed away)
  /// and flushes it.
  func write(_ content: JSONValue) {
    let bytes = Array(JSONWriter.pretty(content).utf8)
    _ = ftruncate(fd, 0)
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      offset += n
    }
    try? Platform.flushToStorage(fd)
  }

  /// Releases the lock (the file stays: it is what says the hook was taken care of).
  func release() {
    Platform.unlock(fd)
    close(fd)
  }
}
