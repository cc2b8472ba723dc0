import Foundation

/// A listening TCP socket on 127.0.0.1.
struct SocketListener: Sendable {
  struct BindError: Error, CustomStringConvertible {
    let description: String
  }

  let fd: Int32
  /// The bound port (the kernel's choice when 0 was asked).
  let port: Int

  init(port requested: Int) throws {
    let fd = MockPlatform.streamSocket()
    guard fd >= 0 else { throw BindError(description: "socket(): \(MockPlatform.errorMessage(errno))") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))

    var address = MockPlatform.loopbackAddress(port: requested)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else {
      let reason = MockPlatform.errorMessage(errno)
      close(fd)
      throw BindError(description: "cannot bind 127.0.0.1:\(requested): \(reason)")
    }
    guard listen(fd, 512) == 0 else {
      let reason = MockPlatform.errorMessage(errno)
      close(fd)
      throw BindError(description: "listen(): \(reason)")
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    self.fd = fd
    self.port = Int(UInt16(bigEndian: actual.sin_port))
  }

  /// Blocks until a client connects; retries on EINTR and transient errors.
  func accept() -> Int32 {
    while true {
      let client = MockPlatform.accept(fd)
      if client >= 0 {
        var yes: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        return client
      }
      if errno == EMFILE || errno == ENFILE { usleep(10_000) }
    }
  }
}
