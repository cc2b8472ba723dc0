import Foundation

/// The folder and job-id suffix of one rerun: `<out-dir>/<prefix>-rerun-<n>/`, jobs `<id>-rerun-<n>`.
package struct RerunFolder: Sendable, Equatable {
  /// The rerun's number.
  package let number: Int
  /// The folder, created empty.
  package let path: String

  /// Takes the next free `<prefix>-rerun-<n>`: its folder is created with an exclusive `mkdir`
  /// and its name reserved in the queue with an exclusive create, so two reruns (also into
  /// different --out-dir folders sharing one queue) never share job ids. An `n` is taken only
  /// when the queue holds no file for any of `jobIDs` with its suffix.
  /// - Throws: `RepriseError` when `baseDir` or the folder cannot be created.
  package static func reserve(prefix: String, baseDir: String, layout: QueueLayout, jobIDs: [String]) throws(RepriseError) -> RerunFolder {
    do { try FileSystem.makeDirectories(baseDir) } catch { throw .badInput("cannot create '\(baseDir)': \(error.reason)") }
    let store = QueueStore(layout: layout)
    var n = 1
    while n < 100_000 {
      let dir = baseDir + "/\(prefix)-rerun-\(n)"
      if jobIDs.contains(where: { store.hasRecord(of: "\($0)-rerun-\(n)") }) { n += 1; continue }
      if mkdir(dir, 0o755) != 0 {
        if errno == EEXIST { n += 1; continue }
        throw .badInput("cannot create '\(dir)': \(Platform.errorMessage(errno))")
      }
      let marker = layout.handoff + "/\(prefix)-rerun-\(n).reserved"
      let fd = open(marker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if fd < 0 {
        let code = errno
        rmdir(dir)
        if code == EEXIST { n += 1; continue }
        throw .badInput("cannot reserve '\(marker)': \(Platform.errorMessage(code))")
      }
      _ = (dir + "\n").withCString { write(fd, $0, strlen($0)) }
      close(fd)
      return RerunFolder(number: n, path: dir)
    }
    throw .badInput("no free rerun folder name under '\(baseDir)'")
  }
}
