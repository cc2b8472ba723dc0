import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

/// Every operating-system call where Linux (glibc) and Darwin (macOS) differ, and the few
/// reprise-specific ones (flushing, no-replace placement, detached spawning, signals), with the
/// two branches side by side and the man page each relies on. Nothing else in RepriseKit or
/// RepriseCLI imports Glibc or Darwin: plain POSIX calls that are identical on both (open, read,
/// write, close, lstat, fstat, flock, fcntl(F_SETFD), unlink, rename, pread, realpath) reach the
/// rest of the code through Foundation, which re-exports the C library on both systems.
///
/// - Platform+Files.swift: file times, full flush, heartbeat, temporaries, same-file and
///   case-insensitivity checks.
/// - Platform+Placement.swift: putting a file at a name without ever replacing what is there.
/// - Platform+Process.swift: our own executable, process ids, detached spawning.
/// - Platform+Signals.swift: ignoring, restoring, unblocking and handling signals.
/// - Platform+Hashing.swift: the system's SHA-256 (libcrypto, CommonCrypto) loaded at run time.
/// - Platform+Memory.swift: large allocations straight from the system (glibc's mallopt).
package enum Platform {
  /// The system's text for an errno value, e.g. "No such file or directory" (strerror(3), the
  /// same call on both systems; the texts differ slightly between them).
  package static func errorMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
