import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The URLSession delegate of one request whose body goes to a file: it appends each chunk to the
/// open file as it arrives (URLSession keeps nothing in memory for a delegate's data task) and
/// resumes the waiting task when the transfer ends.
final class BodyFileDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  private let lock = NSLock()
  private let fd: Int32
  private var written = 0
  private var writeError: Int32?
  private let limit: Int
  private var tooLarge = false
  private var continuation: CheckedContinuation<(HTTPURLResponse, Int), Error>?
  private var finished: Result<(HTTPURLResponse, Int), Error>?

  /// A delegate writing to the open file `fd`, cutting the transfer off past `limit` bytes.
  init(fd: Int32, limit: Int = Int.max) {
    self.fd = fd
    self.limit = limit
  }

  /// Waits for the transfer to end: the response and the body size, or the transfer error.
  func wait(_ continuation: CheckedContinuation<(HTTPURLResponse, Int), Error>) {
    lock.lock()
    if let finished {
      lock.unlock()
      continuation.resume(with: finished)
      return
    }
    self.continuation = continuation
    lock.unlock()
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    lock.lock()
    defer { lock.unlock() }
    guard writeError == nil, !tooLarge else { return }
    if written + data.count > limit {
      tooLarge = true
      dataTask.cancel()
      return
    }
    data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          writeError = errno
          return
        }
        offset += n
      }
    }
    if writeError != nil {
      dataTask.cancel()
    } else {
      written += data.count
    }
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
    let result: Result<(HTTPURLResponse, Int), Error>
    lock.lock()
    if tooLarge {
      result = .failure(
        URLError(
          .dataLengthExceedsMaximum,
          userInfo: [NSLocalizedDescriptionKey: "the response body is larger than \(OpenRouterConfiguration.mebibytes(limit)) MiB (REPRISE_MAX_RESPONSE_MB)"]))
    } else if let writeError {
      let message = Platform.errorMessage(writeError)
      result = .failure(URLError(.cannotWriteToFile, userInfo: [NSLocalizedDescriptionKey: "cannot save the response body: \(message)"]))
    } else if let error {
      result = .failure(error)
    } else if let http = task.response as? HTTPURLResponse {
      result = .success((http, written))
    } else {
      result = .failure(URLError(.badServerResponse))
    }
    let waiting = continuation
    continuation = nil
    if waiting == nil { finished = result }
    lock.unlock()
    waiting?.resume(with: result)
  }
}
