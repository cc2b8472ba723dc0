import Foundation

extension Platform {
  /// Makes every block of at least `bytes` come straight from the system and go back to it when
  /// freed. Linux (glibc): mallopt(3) `M_MMAP_THRESHOLD`, which also stops glibc raising that
  /// threshold after each large free (otherwise a freed decoded image or file read stays in the
  /// arena of whichever thread freed it, and a drain's threads add them up). Darwin: its allocator
  /// already does this for large blocks.
  static func allocateLargeBlocksFromTheSystem(atLeast bytes: Int) {
    #if !canImport(Darwin)
      _ = LinuxMalloc.option?(LinuxMalloc.mmapThreshold, Int32(clamping: bytes))
    #endif
  }
}
