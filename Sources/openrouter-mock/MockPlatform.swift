import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

/// The mock's operating-system calls where Linux and Darwin differ (sockets, SIGPIPE), side by
/// side. It is separate from RepriseKit's `Platform` because the mock links only RepriseCodecs
/// (byte codecs with no OS calls) and reprise itself never opens a socket. Nothing else in the
/// mock imports Glibc or Darwin; its plain POSIX calls (recv, poll, shutdown, setsockopt, bind,
/// listen, getsockname, open, write, close) are the same on both and come through Foundation.
enum MockPlatform {
  /// The system's text for an errno value (strerror(3)).
  static func errorMessage(_ code: Int32) -> String { String(cString: strerror(code)) }

  /// A new TCP socket (socket(2)): `SOCK_STREAM` is an enum on glibc, an Int32 on Darwin. On
  /// Darwin writes to a closed peer must not raise SIGPIPE: setsockopt(2) `SO_NOSIGPIPE` (Linux
  /// asks per send with `MSG_NOSIGNAL` instead).
  static func streamSocket() -> Int32 {
    #if canImport(Darwin)
      let fd = socket(AF_INET, SOCK_STREAM, 0)
      if fd >= 0 { noSIGPIPE(fd) }
      return fd
    #else
      return socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #endif
  }

  /// 127.0.0.1:`port` as a socket address (Darwin's `sockaddr_in` starts with a length byte,
  /// `sin_len`; ip(4)).
  static func loopbackAddress(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    #if canImport(Darwin)
      address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
    #endif
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }

  /// The next connection on listening socket `fd`, or -1 with errno set (accept(2)); on Darwin
  /// the new socket gets `SO_NOSIGPIPE` too.
  static func accept(_ fd: Int32) -> Int32 {
    #if canImport(Darwin)
      let client = Darwin.accept(fd, nil, nil)
      if client >= 0 { noSIGPIPE(client) }
      return client
    #else
      return Glibc.accept(fd, nil, nil)
    #endif
  }

  /// Sends up to `count` bytes (send(2)); returns how many, or -1 with errno set. Linux:
  /// `MSG_NOSIGNAL` (no SIGPIPE for a closed peer) and, when `more` follows at once, `MSG_MORE`
  /// (hold a partial segment back, so a head and its body leave in one packet). Darwin has
  /// neither flag: `SO_NOSIGPIPE` is set on the socket, and segments are not held back.
  static func send(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, more: Bool) -> Int {
    #if canImport(Darwin)
      return Darwin.send(fd, bytes, count, 0)
    #else
      return Glibc.send(fd, bytes, count, Int32(MSG_NOSIGNAL) | (more ? Int32(MSG_MORE) : 0))
    #endif
  }

  #if canImport(Darwin)
    /// setsockopt(2) `SO_NOSIGPIPE` on `fd` (Darwin only).
    private static func noSIGPIPE(_ fd: Int32) {
      var yes: Int32 = 1
      setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
    }
  #endif

  /// Unblocks every signal (sigprocmask(2): a parent such as a test runner may hand us a blocked
  /// mask), ignores SIGPIPE and exits 0 on SIGTERM or SIGINT (signal(3), _exit(2)). The same
  /// calls on both systems.
  static func exitQuietlyOnTermination() {
    var nothingBlocked = sigset_t()
    sigemptyset(&nothingBlocked)
    sigprocmask(SIG_SETMASK, &nothingBlocked, nil)
    signal(SIGPIPE, SIG_IGN)
    signal(SIGTERM) { _ in _exit(0) }
    signal(SIGINT) { _ in _exit(0) }
  }
}
