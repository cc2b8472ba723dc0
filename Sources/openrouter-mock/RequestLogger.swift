import Foundation
import RepriseCodecs

/// Appends one JSON line per request to `--log FILE`. The API key never reaches the file: the
/// Authorization header is written as "Bearer <redacted>". Each line goes out in one write() under a lock.
final class RequestLogger: @unchecked Sendable {
  private let lock = NSLock()
  private let fd: Int32

  init(path: String) throws {
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw MockConfiguration.UsageError(description: "cannot open log file \(path): \(MockPlatform.errorMessage(errno))")
    }
  }

  deinit { close(fd) }

  func log(_ request: HTTPRequest, status: Int) {
    var headers: [(String, JSONValue)] = []
    for (name, value) in request.headers {
      let shown = name == "authorization" ? "Bearer <redacted>" : value
      if let index = headers.firstIndex(where: { $0.0 == name }), let previous = headers[index].1.stringValue {
        headers[index].1 = .string(previous + ", " + shown)
      } else {
        headers.append((name, .string(shown)))
      }
    }
    let line: JSONValue = [
      "method": .string(request.method),
      "path": .string(request.path),
      "query": .string(request.query),
      "headers": .object(headers),
      "body": .string(String(decoding: request.body, as: UTF8.self)),
      "body_sha256": .string(SHA256.hash(request.body).hexString),
      "status": .int(status),
    ]
    var bytes = line.serialized()
    bytes.append(0x0A)
    lock.lock()
    defer { lock.unlock() }
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
        if written > 0 {
          offset += written
        } else if written < 0 && errno == EINTR {
          continue
        } else {
          return
        }
      }
    }
  }
}
