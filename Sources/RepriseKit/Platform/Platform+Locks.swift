import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

extension Platform {
  /// How `lock(_:_:)` locks.
  package enum LockKind: Sendable {
    /// Exclusive, waiting until it is free (retried on EINTR).
    case exclusive
    /// Exclusive, or fail at once when someone holds it.
    case exclusiveNow
    /// Shared, or fail at once when someone holds it exclusively (a liveness probe).
    case sharedNow
  }

  /// An advisory whole-file lock on an open descriptor: flock(2) on both systems. The lock
  /// belongs to the open file (shared by descriptors dup'ed or inherited from it) and the kernel
  /// drops it when the last of them closes, also after `kill -9`. True when taken; on failure
  /// `errno` says why (EWOULDBLOCK: someone holds it).
  @discardableResult
  package static func lock(_ descriptor: Int32, _ kind: LockKind) -> Bool {
    switch kind {
    case .exclusive:
      while flock(descriptor, LOCK_EX) != 0 {
        if errno != EINTR { return false }
      }
      return true
    case .exclusiveNow: return flock(descriptor, LOCK_EX | LOCK_NB) == 0
    case .sharedNow: return flock(descriptor, LOCK_SH | LOCK_NB) == 0
    }
  }

  /// Releases a lock `lock(_:_:)` took (flock(2) `LOCK_UN`) for every descriptor of that open file.
  package static func unlock(_ descriptor: Int32) {
    flock(descriptor, LOCK_UN)
  }

  /// True when the last lock attempt failed because someone else holds the lock.
  package static var lockWasHeld: Bool { errno == EWOULDBLOCK }
}
