import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

/// A folder held open to list it once and read many small files in it by name (opendir(3),
/// readdir(3), openat(2)): each file costs one open, its reads and a close, with no path walk from
/// the root, no stat when the listing already said it is a regular file, one read when the
/// caller's buffer is large enough, and no allocation then. Reads may run on several threads at once.
package final class OpenFolder: @unchecked Sendable {
  /// One name in the folder.
  package struct Entry: Sendable {
    /// The file's name.
    package let name: String
    /// True when the listing says it is a regular file, false when it says it is something else,
    /// nil when the file system does not say (`DT_UNKNOWN`: each read then checks with fstat).
    package let isRegular: Bool?
  }

  #if canImport(Darwin)
    private let stream: UnsafeMutablePointer<DIR>
  #else
    private let stream: OpaquePointer
  #endif
  private let descriptor: Int32

  /// The folder at `path`, or nil when it cannot be opened.
  package init?(_ path: String) {
    guard let stream = opendir(path) else { return nil }
    self.stream = stream
    descriptor = dirfd(stream)
  }

  deinit { closedir(stream) }

  /// Every name in the folder but `.` and `..`, in the order the file system gives them. Call it
  /// once, before any read.
  package func entries() -> [Entry] {
    var entries: [Entry] = []
    while let entry = readdir(stream) {
      let kind = entry.pointee.d_type
      let name = withUnsafePointer(to: &entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) } }
      if name == "." || name == ".." { continue }
      entries.append(Entry(name: name, isRegular: kind == UInt8(DT_UNKNOWN) ? nil : kind == UInt8(DT_REG)))
    }
    return entries
  }

  /// Reads the whole regular file `entry` names into `buffer` (grown when too small, kept for the
  /// next read) and returns its length; nil when it is not a regular file, is a symbolic link, is
  /// larger than `limit` bytes or cannot be read (the same cases `FileSystem.readFile` refuses
  /// with `noFollow`).
  package func read(_ entry: Entry, limit: Int, into buffer: inout UnsafeMutableRawBufferPointer) -> Int? {
    if entry.isRegular == false { return nil }
    let fd = openat(descriptor, entry.name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (entry.isRegular == nil ? O_NONBLOCK : 0))
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    if entry.isRegular == nil {
      var st = stat()
      guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) <= limit else { return nil }
    }
    var count = 0
    while true {
      if count == buffer.count {
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(buffer.count * 2, 1 << 16), alignment: 16)
        if count > 0 { larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count])) }
        buffer.deallocate()
        buffer = larger
      }
      let n = OpenFolder.readBytes(fd, buffer.baseAddress! + count, buffer.count - count)
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { return count }
      count += n
      if count > limit { return nil }
      // A read of a regular file (the listing said so) that leaves room in the buffer stopped at
      // its end (read(2) on a local file returns less than asked only there): the read that
      // would return 0 is saved.
      if entry.isRegular == true, count < buffer.count { return count }
    }
  }

  /// True when `name` in the folder is a regular file, not following a final symbolic link
  /// (fstatat(2) with `AT_SYMLINK_NOFOLLOW`: `FileSystem.entryKind` of the path, without walking it).
  package func isRegularFile(_ name: String) -> Bool {
    var st = stat()
    return fstatat(descriptor, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && (st.st_mode & S_IFMT) == S_IFREG
  }

  private static func readBytes(_ fd: Int32, _ into: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
      Darwin.read(fd, into, count)
    #else
      Glibc.read(fd, into, count)
    #endif
  }
}
