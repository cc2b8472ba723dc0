import Foundation

#if !canImport(Darwin)
  /// glibc's renameat2(2), found at run time (dlsym(3)); nil on a glibc older than 2.28.
  enum LinuxRenameat2 {
    typealias Function = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    /// The symbol's address (an integer, so that it can be a shared constant).
    private static let address: UInt = UInt(bitPattern: dlsym(dlopen(nil, RTLD_NOW), "renameat2"))
    /// The function, or nil when this C library has none.
    static var function: Function? {
      guard let pointer = UnsafeRawPointer(bitPattern: address) else { return nil }
      return unsafeBitCast(pointer, to: Function.self)
    }
  }
#endif
