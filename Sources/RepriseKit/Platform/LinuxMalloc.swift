import Foundation

#if !canImport(Darwin)
  /// glibc's malloc_trim(3) and mallopt(3), found at run time (dlsym(3)) since the Glibc module
  /// does not declare them; nil with a C library that has none (musl).
  enum LinuxMalloc {
    typealias Trim = @convention(c) (Int) -> Int32
    typealias Option = @convention(c) (Int32, Int32) -> Int32
    /// mallopt's `M_MMAP_THRESHOLD` (malloc.h).
    static let mmapThreshold: Int32 = -3
    /// The symbols' addresses (integers, so that they can be shared constants).
    private static let trimAddress: UInt = UInt(bitPattern: dlsym(dlopen(nil, RTLD_NOW), "malloc_trim"))
    private static let optionAddress: UInt = UInt(bitPattern: dlsym(dlopen(nil, RTLD_NOW), "mallopt"))
    /// mallopt, or nil.
    static var option: Option? {
      guard let pointer = UnsafeRawPointer(bitPattern: optionAddress) else { return nil }
      return unsafeBitCast(pointer, to: Option.self)
    }
    /// malloc_trim, or nil.
    static var trim: Trim? {
      guard let pointer = UnsafeRawPointer(bitPattern: trimAddress) else { return nil }
      return unsafeBitCast(pointer, to: Trim.self)
    }
  }
#endif
