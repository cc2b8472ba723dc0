import Foundation

/// File operations with the guarantees reprise promises: reads report POSIX reasons, writes are
/// atomic (temp file in the same folder, fsync, rename) and never follow a symlink at the target.
package enum FileSystem {
  /// A failed file operation with a short human reason.
  package struct Failure: Error, Sendable, CustomStringConvertible {
    /// e.g. "No such file or directory".
    package let reason: String
    /// The POSIX errno, when one applies.
    package let code: Int32
    package var description: String { reason }
    init(errno code: Int32) {
      self.code = code
      self.reason = Platform.errorMessage(code)
    }
    init(_ reason: String) {
      self.reason = reason
      self.code = 0
    }
  }

  /// What is at a path, without following a final symlink.
  package enum EntryKind: Sendable, Equatable {
    case missing, file, directory, symlink, other
  }

  /// The kind of entry at `path` (lstat).
  package static func entryKind(_ path: String) -> EntryKind {
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
  package static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// Reads a whole regular file.
  package static func readFile(_ path: String, limit: Int = Int.max, noFollow: Bool = false) throws(Failure) -> [UInt8] {
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
  /// `step` names the write for test fail points (`REPRISE_FAILPOINT=enospc@<step>`).
  /// `durable: false` skips the fsync, for files whose loss in a power cut costs nothing (the
  /// rename still makes the file appear whole or not at all to every reader and after `kill -9`).
  package static func writeAtomically(_ bytes: [UInt8], to path: String, step: String? = nil, durable: Bool = true, spare: String? = nil) throws(Failure) {
    try writeAtomically(parts: [bytes[...]], to: path, step: step, durable: durable, spare: spare)
  }

  /// Writes `parts` atomically as one file (temp file, fsync unless not `durable`, rename),
  /// without joining them.
  ///
  /// - Parameter spare: a spare temporary in `path`'s folder to write into instead of creating a
  ///   new file (see `SpareFiles`); when it cannot be taken it is removed and a new one created.
  package static func writeAtomically(
    parts: [ArraySlice<UInt8>], to path: String, step: String? = nil, durable: Bool = true, spare: String? = nil
  ) throws(Failure) {
    if entryKind(path) == .symlink { throw Failure("is a symbolic link; reprise does not write through links") }
    if let step, let code = Failpoint.shared.fault(step) { throw Failure(errno: code) }
    let temporary: TemporaryFile
    if let reused = spare.flatMap(TemporaryFile.reuse) {
      temporary = reused
    } else {
      if let spare { unlink(spare) }  // gone, replaced or held: not left behind either way
      temporary = try TemporaryFile.create(beside: path, tag: nil)
    }
    do {
      try durable ? temporary.append(parts) : temporary.writeParts(parts)
      if let step { Failpoint.shared.hit("during-" + step) }
      try temporary.place(at: path, replacing: true)
    } catch {
      temporary.discard()
      throw error
    }
  }

  /// Writes text atomically (UTF-8).
  package static func writeAtomically(_ text: String, to path: String, step: String? = nil, durable: Bool = true, spare: String? = nil) throws(Failure) {
    try writeAtomically(Array(text.utf8), to: path, step: step, durable: durable, spare: spare)
  }

  /// Writes `parts` one after another to a new temporary file beside `path` (fsynced unless
  /// `flush` is false: then the caller flushes it before placing it), without joining them in
  /// memory first. The file stays locked (and so is never taken for abandoned) until it is placed
  /// or discarded.
  package static func writeTemporary(parts: [ArraySlice<UInt8>], beside path: String, tag: String?, flush: Bool = true) throws(Failure) -> TemporaryFile {
    let temporary = try TemporaryFile.create(beside: path, tag: tag)
    do { try flush ? temporary.append(parts) : temporary.writeParts(parts) } catch {
      temporary.discard()
      throw error
    }
    return temporary
  }

  /// Removes temporaries in `folder` whose writer is gone: the file is not locked (a writer holds
  /// an exclusive `flock` on its temporary from creation until it is renamed) and the process id in
  /// its name is not running (or the file is more than an hour old). Returns the names removed.
  @discardableResult
  package static func removeAbandonedTemporaries(in folder: String, now: Date = Date()) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    var removed: [String] = []
    for name in names.sorted() where name.hasPrefix(".") {
      guard let owner = TemporaryFile.owner(ofName: name) else { continue }
      let path = folder + "/" + name
      let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
      guard fd >= 0 else { continue }
      defer { close(fd) }
      var st = stat()
      guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
      guard Platform.lock(fd, .exclusiveNow) else { continue }  // its writer is still at work
      let age = now.timeIntervalSince1970 - Double(Platform.modificationTime(st))
      let writerRunning = owner.pid.map { $0 == Platform.processID || Platform.isProcessRunning($0) } ?? true
      if writerRunning && age < 3600 { continue }
      if unlink(path) == 0 { removed.append(name) }
    }
    return removed
  }

  /// Why a folder at `path` could not be used for writing (it is a file, or neither it nor its
  /// nearest existing parent takes a new file), or nil when it can. Tests by creating and removing
  /// a probe file, since `access(2)` says yes to root even where writes fail. Leaves nothing.
  package static func writabilityProblem(_ path: String) -> String? {
    var folder = path
    var missing = false
    while true {
      switch entryKind(folder) {
      case .missing:
        missing = true
        let parent = (folder as NSString).deletingLastPathComponent
        if parent == folder || parent.isEmpty { return "cannot be created: no existing parent folder" }
        folder = parent
        continue
      case .file, .other:
        return folder == path ? "is a file, not a folder" : "cannot be created: '\(folder)' is a file, not a folder"
      case .symlink where !isDirectory(folder):
        return "is a link to something that is not a folder"
      default: break
      }
      break
    }
    guard let reason = probeProblem(folder) else { return nil }
    return missing ? "cannot be created in '\(folder)': \(reason)" : "is not writable: \(reason)"
  }

  /// Nil when a new file can be created in the existing folder `folder` (it is removed again at
  /// once); else why not, e.g. "Permission denied".
  package static func probeProblem(_ folder: String) -> String? {
    do {
      let probe = try TemporaryFile.create(beside: folder + "/.reprise-write-probe", tag: nil)
      probe.discard()
    } catch {
      return error.reason
    }
    return nil
  }

  /// Creates `path` and its parents (mode 0755). Succeeds if it already is a folder.
  package static func makeDirectories(_ path: String) throws(Failure) {
    if isDirectory(path) { return }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw Failure("cannot create folder: \(PlainReason.of(error))")
    }
  }

  /// The canonical absolute path (symlinks resolved), or nil when it does not exist.
  package static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The current working directory.
  package static var currentDirectory: String { FileManager.default.currentDirectoryPath }
}
