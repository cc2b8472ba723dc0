import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#endif

extension Platform {
  /// Reads what is available on `descriptor` (read(2), retried on EINTR, the same on both
  /// systems): the bytes, empty at end of input or on an error.
  package static func readAvailable(_ descriptor: Int32, upTo count: Int = 65_536) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: count)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, count) }
      if n > 0 { return Array(buffer.prefix(n)) }
      if n < 0, errno == EINTR { continue }
      return []
    }
  }

  /// Writes all of `bytes` to `descriptor` (write(2), retried on EINTR and short writes); false
  /// when the other end is gone (EPIPE: SIGPIPE is ignored by callers that write to pipes).
  @discardableResult
  package static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
      if n > 0 { offset += n; continue }
      if n < 0, errno == EINTR { continue }
      return false
    }
    return true
  }
}
