import Foundation

extension Platform {
  /// Gives memory freed by this process back to the system. Linux (glibc): malloc_trim(3), since
  /// glibc keeps large freed blocks in its per-thread arenas once its mmap threshold has risen
  /// past their size, so decoded images measured on different threads would add up in the
  /// resident set. Darwin: nothing to do (its allocator unmaps large blocks when they are freed).
  static func returnFreedMemory() {
    #if !canImport(Darwin)
      _ = LinuxMalloc.trim?(0)
    #endif
  }
}
