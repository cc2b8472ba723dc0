import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Starts a process detached from the caller: its own session (`setsid`), stdin from
/// `/dev/null`, stdout and stderr appended to a log file. The caller does not wait for it.
public enum DetachedProcess {
  /// The running executable's path.
  public static func currentExecutable() -> String? { Platform.currentExecutable() }

  /// Spawns `executable` with `arguments`; returns its pid (for the record only — reprise never
  /// signals a process by a pid read back from a file).
  /// With `inheritedDescriptor`, that descriptor becomes the child's descriptor 3 (how a worker
  /// receives the lock its parent took for it).
  public static func spawn(executable: String, arguments: [String], logPath: String, environment: [String: String], inheritedDescriptor: Int32? = nil) throws(RepriseError) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    if let inheritedDescriptor { posix_spawn_file_actions_adddup2(&actions, inheritedDescriptor, 3) }
    // Nothing else is inherited: a pipe our caller leaked to us (its stdout, say) must not stay
    // open in the worker, or a caller reading to end-of-file would wait for the whole drain.
    Platform.closeOtherDescriptorsOnSpawn(from: 3)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A new session (POSIX_SPAWN_SETSID) and default signal handling and mask in the child.
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Platform.spawnNewSessionFlag | Platform.spawnCloseOthersFlag | Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard status == 0 else { throw .badInput("cannot start a background worker (\(executable)): \(String(cString: strerror(status)))") }
    return pid
  }
}
