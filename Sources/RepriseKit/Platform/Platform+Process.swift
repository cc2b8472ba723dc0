import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few operating-system details that differ between Linux (glibc) and Darwin, side by side.
public enum Platform {
  /// A file's modification time in whole seconds since 1970 (stat(2): `st_mtim` on Linux,
  /// `st_mtimespec` on Darwin).
  public static func modificationTime(_ st: stat) -> Int {
    #if canImport(Darwin)
      return Int(st.st_mtimespec.tv_sec)
    #else
      return Int(st.st_mtim.tv_sec)
    #endif
  }

  /// The `posix_spawnattr_setflags` flag that starts the child in a new session (setsid(2)):
  /// glibc's `POSIX_SPAWN_SETSID` is 0x80 (spawn.h; on Darwin 0x80 means "start suspended"),
  /// Darwin's is 0x0400 (posix_spawnattr_setflags(3), macOS 10.15 and later).
  public static var spawnNewSessionFlag: Int16 {
    #if canImport(Darwin)
      return 0x0400
    #else
      return 0x80
    #endif
  }

  /// The running executable's path: readlink(2) of `/proc/self/exe` on Linux (proc(5));
  /// `_NSGetExecutablePath` on Darwin (dyld(3)).
  public static func currentExecutable() -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    #if canImport(Darwin)
      var size = UInt32(buffer.count)
      guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
      return String(cString: buffer)
    #else
      let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
      guard n > 0 else { return nil }
      return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    #endif
  }

  /// Makes a spawned child start with no descriptor at or above `lowest` open other than those
  /// its file actions set up. Linux: every open descriptor listed in `/proc/self/fd` (proc(5)) is
  /// marked close-on-exec (fcntl(2) `FD_CLOEXEC`; `dup2` in the file actions clears it on the
  /// child's copies). Darwin: `POSIX_SPAWN_CLOEXEC_DEFAULT` (see `spawnNewSessionFlag`'s
  /// neighbour `spawnCloseOthersFlag`) does it in the kernel, so nothing is done here.
  public static func closeOtherDescriptorsOnSpawn(from lowest: Int32) {
    #if !canImport(Darwin)
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
      for name in names {
        guard let fd = Int32(name), fd >= lowest else { continue }
        let flags = fcntl(fd, F_GETFD)
        if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
      }
    #endif
  }

  /// Darwin's `POSIX_SPAWN_CLOEXEC_DEFAULT` (0x4000, posix_spawnattr_setflags(3)); 0 on Linux.
  public static var spawnCloseOthersFlag: Int16 {
    #if canImport(Darwin)
      return 0x4000
    #else
      return 0
    #endif
  }
}
