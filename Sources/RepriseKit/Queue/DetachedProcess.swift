import Foundation

/// Starts a process detached from the caller: its own session (`setsid`), stdin from
/// `/dev/null`, stdout and stderr appended to a log file. The caller does not wait for it.
package enum DetachedProcess {
  /// The running executable's path.
  package static func currentExecutable() -> String? { Platform.currentExecutable() }

  /// Spawns `executable` with `arguments`; returns its pid (for the record only — reprise never
  /// signals a process by a pid read back from a file).
  /// With `inheritedDescriptor`, that descriptor becomes the child's descriptor 3 (how a worker
  /// receives the lock its parent took for it).
  package static func spawn(executable: String, arguments: [String], logPath: String, environment: [String: String], inheritedDescriptor: Int32? = nil)
    throws(RepriseError) -> Int32
  {
    do {
      return try Platform.spawnDetached(
        executable: executable, arguments: arguments, environment: environment, logPath: logPath, inherited: inheritedDescriptor)
    } catch {
      throw .badInput("cannot start a background worker (\(executable)): \(error.reason)")
    }
  }
}
