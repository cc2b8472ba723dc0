import Foundation

#if !canImport(Darwin)
  /// glibc's malloc_trim(3), found at run time (dlsym(3)) since the Glibc module does not declare
  /// it; nil with a C library that has none (musl).
  enum LinuxMalloc {
    typealias Trim = @convention(c) (Int) -> Int32
    /// The symbol's address (an integer, so that it can be a shared constant).
    private static let trimAddress: UInt = UInt(bitPattern: dlsym(dlopen(nil, RTLD_NOW), "malloc_trim"))
    /// malloc_trim, or nil.
    static var trim: Trim? {
      guard let pointer = UnsafeRawPointer(bitPattern: trimAddress) else { return nil }
      return unsafeBitCast(pointer, to: Trim.self)
    }
  }
#endif
