import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

extension Platform {
  /// This process's id (getpid(2)).
  package static var processID: Int32 { getpid() }

  /// True while a process with id `pid` exists, whoever owns it (kill(2) with signal 0: success,
  /// or EPERM for another user's process; the same on both systems).
  static func isProcessRunning(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }

  /// Ends this process at once, as `kill -9` would (kill(2) SIGKILL to itself): no cleanup, no
  /// flushing. For the test-only fail points.
  static func killImmediately() {
    kill(getpid(), SIGKILL)
  }

  /// The running executable's path: `_NSGetExecutablePath` on Darwin (dyld(3)); readlink(2) of
  /// `/proc/self/exe` on Linux (proc(5)).
  package static func currentExecutable() -> String? {
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

  /// Starts `executable` with `arguments` and exactly `environment`, detached from us: its own
  /// session, default signal handling and an empty signal mask, stdin from `/dev/null`, stdout
  /// and stderr appended to `logPath`, no other descriptor inherited except `inherited`, which
  /// becomes its descriptor 3 (posix_spawn(3), posix_spawn_file_actions_addopen(3),
  /// posix_spawnattr_setflags(3)). Nothing waits for it.
  /// - Returns: the child's process id.
  /// - Throws: the errno posix_spawn reported (e.g. ENOENT for a missing executable).
  static func spawnDetached(executable: String, arguments: [String], environment: [String: String], logPath: String, inherited: Int32?) throws(FileSystem
    .Failure) -> Int32
  {
    // The two C libraries declare these types differently: on Darwin they are pointers that
    // posix_spawn_*_init allocates (hence optional), on glibc structures to initialize in place.
    #if canImport(Darwin)
      var actions: posix_spawn_file_actions_t? = nil
      var attributes: posix_spawnattr_t? = nil
    #else
      var actions = posix_spawn_file_actions_t()
      var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    if let inherited { posix_spawn_file_actions_adddup2(&actions, inherited, 3) }
    // Nothing else is inherited: a pipe our caller leaked to us (its stdout, say) must not stay
    // open in the worker, or a caller reading to end-of-file would wait for the whole drain.
    closeOtherDescriptorsOnSpawn(from: 3)
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, spawnNewSessionFlag | spawnCloseOthersFlag | Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard status == 0 else { throw FileSystem.Failure(errno: status) }
    return pid
  }

  /// Waits for our child `pid` to end (waitpid(2), retried on EINTR) and returns its exit status,
  /// or 128 + the signal number when a signal ended it (as a shell reports it); nil when `pid` is
  /// not our child. Blocks: call it off the cooperative pool.
  static func waitForExit(_ pid: Int32) -> Int32? {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { return nil }
    }
    // The <sys/wait.h> macros are not imported into Swift: the low 7 bits are the terminating
    // signal (0 for a normal exit), the next 8 the exit status.
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }

  /// The `posix_spawnattr_setflags` flag that starts the child in a new session (setsid(2)):
  /// Darwin's `POSIX_SPAWN_SETSID` is 0x0400 (posix_spawnattr_setflags(3), macOS 10.15 and
  /// later); glibc's is 0x80 (spawn.h, behind _GNU_SOURCE, so not imported; on Darwin 0x80 means
  /// "start suspended").
  static var spawnNewSessionFlag: Int16 {
    #if canImport(Darwin)
      return 0x0400
    #else
      return 0x80
    #endif
  }

  /// Darwin's `POSIX_SPAWN_CLOEXEC_DEFAULT` (0x4000, posix_spawnattr_setflags(3)): the child
  /// gets only the descriptors its file actions set up. Linux has no such flag: 0.
  static var spawnCloseOthersFlag: Int16 {
    #if canImport(Darwin)
      return 0x4000
    #else
      return 0
    #endif
  }

  /// Makes a spawned child start with no descriptor at or above `lowest` open other than those
  /// its file actions set up. Linux: every open descriptor listed in `/proc/self/fd` (proc(5)) is
  /// marked close-on-exec (fcntl(2) `FD_CLOEXEC`; `dup2` in the file actions clears it on the
  /// child's copies). Darwin: `spawnCloseOthersFlag` does it in the kernel, so nothing is done.
  static func closeOtherDescriptorsOnSpawn(from lowest: Int32) {
    #if !canImport(Darwin)
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
      for name in names {
        guard let fd = Int32(name), fd >= lowest else { continue }
        let flags = fcntl(fd, F_GETFD)
        if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
      }
    #endif
  }
}
