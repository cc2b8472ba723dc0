import Foundation

/// The unlinked temporary files responses are received into, kept open and emptied between
/// uses: a drain at concurrency N creates about N of them in all instead of one per request (a
/// create and an unlink per job were a third of its file-system time). A spool is a file with no
/// name, so nothing about it outlives the process and no crash promise rests on it; it is emptied
/// (ftruncate, offset 0) before it is handed out again, and only a spool whose reader kept no
/// descriptor of its own is given back.
package final class ResponseSpools: @unchecked Sendable {
  /// The process's spools (at most `capacity` idle ones are kept).
  package static let shared = ResponseSpools(capacity: 64)

  private let lock = NSLock()
  private var idle: [Int32] = []
  private let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  /// An empty spool: an idle one, else a new unlinked file in `folder`.
  func take(folder: String) throws(FileSystem.Failure) -> Int32 {
    lock.lock()
    let reused = idle.popLast()
    lock.unlock()
    if let reused { return reused }
    let created = try Platform.makeTemporaryFile("\(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)/reprise-response-XXXXXX")
    unlink(created.path)
    return created.descriptor
  }

  /// Empties `fd` and keeps it for the next response, or closes it when it cannot be emptied or
  /// enough are idle.
  func give(_ fd: Int32) {
    guard Platform.rewind(fd) else { close(fd); return }
    lock.lock()
    let kept = idle.count < capacity
    if kept { idle.append(fd) }
    lock.unlock()
    if !kept { close(fd) }
  }
}
