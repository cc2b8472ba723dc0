import Foundation

#if !canImport(Darwin)
  /// glibc's mallopt(3), found at run time (dlsym(3)) since the Glibc module does not declare it;
  /// nil with a C library that has none (musl).
  enum LinuxMalloc {
    typealias Option = @convention(c) (Int32, Int32) -> Int32
    /// mallopt's `M_MMAP_THRESHOLD` (malloc.h).
    static let mmapThreshold: Int32 = -3
    /// The symbol's address (an integer, so that it can be a shared constant).
    private static let optionAddress: UInt = UInt(bitPattern: dlsym(dlopen(nil, RTLD_NOW), "mallopt"))
    /// mallopt, or nil.
    static var option: Option? {
      guard let pointer = UnsafeRawPointer(bitPattern: optionAddress) else { return nil }
      return unsafeBitCast(pointer, to: Option.self)
    }
  }
#endif
