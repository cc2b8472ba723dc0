import Foundation

#if !canImport(Darwin)
  /// glibc's syncfs(2) (glibc 2.14 and later), found at run time (dlsym(3)) since the Glibc module
  /// does not declare it; nil when this C library has none.
  enum LinuxSyncfs {
    typealias Function = @convention(c) (Int32) -> Int32
    /// The symbol's address (an integer, so that it can be a shared constant).
    private static let address: UInt = UInt(bitPattern: dlsym(dlopen(nil, RTLD_NOW), "syncfs"))
    /// The function, or nil when this C library has none.
    static var function: Function? {
      guard let pointer = UnsafeRawPointer(bitPattern: address) else { return nil }
      return unsafeBitCast(pointer, to: Function.self)
    }
  }
#endif
