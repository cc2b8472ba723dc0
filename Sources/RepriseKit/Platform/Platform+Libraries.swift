import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

extension Platform {
  /// A shared library opened at run time, or why none of `names` could be opened: dlopen(3) with
  /// `RTLD_NOW | RTLD_LOCAL` on both systems (the names differ: `libcurl.so.4` on Linux,
  /// `libcurl.4.dylib` on Darwin; callers pass what fits).
  static func openLibrary(_ names: [String]) -> Result<UnsafeMutableRawPointer, FileSystem.Failure> {
    for name in names {
      if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return .success(handle) }
    }
    let reason = dlerror().map { String(cString: $0) } ?? "not found"
    return .failure(FileSystem.Failure(reason))
  }

  /// The address of `name` in a library `openLibrary` returned (dlsym(3)), or nil.
  static func symbol(_ name: String, in library: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    dlsym(library, name)
  }

  /// Blocks SIGPIPE in the calling thread only (pthread_sigmask(3), the same on both systems), so
  /// a write to a closed socket on that thread returns EPIPE instead of killing the process.
  static func blockBrokenPipeInThisThread() {
    var pipeOnly = sigset_t()
    sigemptyset(&pipeOnly)
    sigaddset(&pipeOnly, SIGPIPE)
    pthread_sigmask(SIG_BLOCK, &pipeOnly, nil)
  }
}
