import Foundation

/// Finished claims kept by a drain as files to write its next staged records into, instead of
/// removing one file and creating another for every job.
///
/// Why: on some file systems creating a file costs more the more files were removed in the last
/// moments (ext4 without a journal, as on many cloud disks and containers, steps over every inode
/// freed in the last 30 seconds when it looks for a free one), so a drain that removes a claim
/// and creates a staged record per job slows down as it goes. With spares, a job's file (written
/// at enqueue) moves `pending/` -> `processing/` -> spare -> staged record -> `results/`: the
/// drain removes nothing per job.
///
/// A spare is named as a temporary of this process (`.<claim>.spare.tmp-<pid>-<random>` in
/// `processing/`), so a spare left by a process that was killed is removed by the next recovery
/// (`FileSystem.removeAbandonedTemporaries`); the drain removes its own when it ends.
package final class SpareFiles: @unchecked Sendable {
  /// Spares kept at most (the rest are removed as before).
  package static let capacity = 256
  private let lock = NSLock()
  private var paths: [String] = []

  /// An empty pool.
  package init() {}

  /// A spare to write into, or nil when there is none.
  package func take() -> String? {
    lock.lock()
    defer { lock.unlock() }
    return paths.popLast()
  }

  /// Retires a finished claim at `path`: renamed to a spare name in its folder and kept, or
  /// removed when the pool is full or the rename fails.
  package func retire(_ path: String) {
    lock.lock()
    let full = paths.count >= SpareFiles.capacity
    lock.unlock()
    if full {
      unlink(path)
      return
    }
    let spare = SpareFiles.spareName(for: path)
    guard rename(path, spare) == 0 else {
      unlink(path)
      return
    }
    lock.lock()
    paths.append(spare)
    lock.unlock()
  }

  /// Removes every spare kept (the drain is ending).
  package func removeAll() {
    lock.lock()
    let all = paths
    paths = []
    lock.unlock()
    for path in all { unlink(path) }
  }

  /// `<folder>/.<name>.spare.tmp-<pid>-<six random letters and digits>`.
  static func spareName(for path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var bits = UInt64.random(in: 0...UInt64.max)  // one system call for all six letters
    let random = String(
      (0..<6).map { _ in
        defer { bits /= 62 }
        return alphabet[Int(bits % 62)]
      })
    return folder + "/." + name + ".spare.tmp-\(Platform.processID)-" + random
  }
}
