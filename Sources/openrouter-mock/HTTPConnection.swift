import Foundation

/// One accepted TCP connection: buffered reads with HTTP/1.1 request framing (Content-Length or
/// chunked bodies, `Expect: 100-continue`), and full writes. Used by exactly one thread.
final class HTTPConnection {
  enum ReadError: Error {
    /// The peer closed or reset the socket in the middle of a request.
    case closed
    /// The bytes are not an HTTP/1.x request.
    case malformed(String)
    /// The header block or the body is over the limit.
    case tooLarge(status: Int)
  }

  static let maxHeaderBytes = 64 * 1024
  static let maxBodyBytes = 512 * 1024 * 1024

  let fd: Int32
  private var buffer: [UInt8] = []
  /// Bytes of `buffer` already consumed by earlier requests.
  private var consumed = 0

  init(fd: Int32) { self.fd = fd }

  deinit { close(fd) }

  // MARK: Reading

  /// The next request, or nil when the peer closed cleanly between requests.
  func readRequest() throws -> HTTPRequest? {
    compact()
    var scanFrom = 0
    var headerEnd: Int?
    while true {
      headerEnd = findHeaderEnd(from: scanFrom)
      if headerEnd != nil { break }
      if buffer.count > HTTPConnection.maxHeaderBytes { throw ReadError.tooLarge(status: 431) }
      scanFrom = max(0, buffer.count - 3)
      if !fill() {
        if buffer.isEmpty { return nil }
        throw ReadError.closed
      }
    }
    let headerBytes = buffer[0..<headerEnd!]
    consumed = headerEnd! + 4
    let lines = String(decoding: headerBytes, as: UTF8.self).components(separatedBy: "\r\n")
    let requestLine = lines[0].split(separator: " ", omittingEmptySubsequences: true)
    guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
      throw ReadError.malformed("bad request line")
    }
    var headers: [(name: String, value: String)] = []
    for line in lines.dropFirst() where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else { throw ReadError.malformed("bad header line") }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      headers.append((name, value))
    }
    func header(_ name: String) -> String? { headers.first(where: { $0.name == name })?.value }

    let target = String(requestLine[1])
    let path: String
    let query: String
    if let mark = target.firstIndex(of: "?") {
      path = String(target[..<mark])
      query = String(target[target.index(after: mark)...])
    } else {
      path = target
      query = ""
    }

    let expectsContinue = header("expect")?.lowercased() == "100-continue"
    var body: [UInt8] = []
    if let transfer = header("transfer-encoding"), transfer.lowercased().contains("chunked") {
      if expectsContinue { _ = send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }
      body = try readChunkedBody()
    } else if let lengthText = header("content-length") {
      guard let length = Int(lengthText), length >= 0 else { throw ReadError.malformed("bad Content-Length") }
      if length > HTTPConnection.maxBodyBytes { throw ReadError.tooLarge(status: 413) }
      if expectsContinue && buffer.count - consumed < length { _ = send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }
      buffer.reserveCapacity(consumed + length)
      while buffer.count - consumed < length {
        guard fill() else { throw ReadError.closed }
      }
      body = Array(buffer[consumed..<(consumed + length)])
      consumed += length
    }
    return HTTPRequest(
      method: String(requestLine[0]), path: path, query: query, version: String(requestLine[2]), headers: headers,
      body: body)
  }

  private func readChunkedBody() throws -> [UInt8] {
    var body: [UInt8] = []
    while true {
      let line = try readLine()
      let sizeText = line.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      guard let size = Int(sizeText, radix: 16), size >= 0 else { throw ReadError.malformed("bad chunk size") }
      if size == 0 {
        while try !readLine().isEmpty {}  // trailers, then the blank line
        return body
      }
      if body.count + size > HTTPConnection.maxBodyBytes { throw ReadError.tooLarge(status: 413) }
      while buffer.count - consumed < size + 2 {
        guard fill() else { throw ReadError.closed }
      }
      body.append(contentsOf: buffer[consumed..<(consumed + size)])
      consumed += size + 2
    }
  }

  private func readLine() throws -> String {
    var scan = consumed
    while true {
      while scan + 1 < buffer.count {
        if buffer[scan] == 0x0D && buffer[scan + 1] == 0x0A {
          let line = String(decoding: buffer[consumed..<scan], as: UTF8.self)
          consumed = scan + 2
          return line
        }
        scan += 1
      }
      if buffer.count - consumed > HTTPConnection.maxHeaderBytes { throw ReadError.tooLarge(status: 413) }
      guard fill() else { throw ReadError.closed }
    }
  }

  private func findHeaderEnd(from start: Int) -> Int? {
    guard buffer.count >= 4 else { return nil }
    var index = start
    while index + 3 < buffer.count {
      if buffer[index] == 0x0D && buffer[index + 1] == 0x0A && buffer[index + 2] == 0x0D && buffer[index + 3] == 0x0A {
        return index
      }
      index += 1
    }
    return nil
  }

  private func compact() {
    if consumed > 0 {
      buffer.removeSubrange(0..<consumed)
      consumed = 0
    }
  }

  /// Reads what the socket has (blocking); false at end of stream or on error.
  private func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if received > 0 {
        buffer.append(contentsOf: chunk[0..<received])
        return true
      }
      if received < 0 && errno == EINTR { continue }
      return false
    }
  }

  // MARK: Writing

  /// Writes all of `bytes`; false when the peer is gone. `more` hints that more data follows at once.
  @discardableResult
  func send<C: Collection>(_ bytes: C, more: Bool = false) -> Bool where C.Element == UInt8 {
    let contiguous = bytes.withContiguousStorageIfAvailable { buffer -> Bool in
      HTTPConnection.sendAll(fd, UnsafeRawBufferPointer(buffer), more: more)
    }
    if let result = contiguous { return result }
    return Array(bytes).withUnsafeBytes { HTTPConnection.sendAll(fd, $0, more: more) }
  }

  private static func sendAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, more: Bool) -> Bool {
    guard let base = buffer.baseAddress else { return true }
    var offset = 0
    while offset < buffer.count {
      let written = MockPlatform.send(fd, base + offset, buffer.count - offset, more: more)
      if written > 0 {
        offset += written
      } else if written < 0 && errno == EINTR {
        continue
      } else {
        return false
      }
    }
    return true
  }

  /// Stops sending; the peer sees end of stream.
  func shutdownWrites() { shutdown(fd, Int32(SHUT_WR)) }

  /// Blocks until the peer closes the connection or `seconds` pass, discarding anything it sends.
  func waitForPeerToLeave(seconds: Double) {
    let deadline = Date().addingTimeInterval(seconds)
    var scratch = [UInt8](repeating: 0, count: 4096)
    while true {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { return }
      var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, Int32(min(remaining, 1.0) * 1000) + 1)
      if ready < 0 {
        if errno == EINTR { continue }
        return
      }
      if ready == 0 { continue }
      if descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return }
      let received = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if received == 0 || (received < 0 && errno != EINTR) { return }
    }
  }
}
