import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
/// Drives every curl transfer of the process from one dedicated thread: one multi handle, so
/// connections are kept and reused across requests, and `curl_multi_poll`, which blocks in
/// poll(2) until a socket is ready, a timer is due or `curl_multi_wakeup` is called. A process
/// waiting on its requests therefore uses no CPU (unlike FoundationNetworking's URLSession, whose
/// write DispatchSource keeps firing while a request waits for its response).
///
/// Requests come in through a lock-protected queue and a wakeup; each `async` caller waits on a
/// continuation that the thread resumes, so no thread of the cooperative pool ever blocks.
final class CurlMulti: @unchecked Sendable {
  /// The process's driver, started on first use, or why libcurl cannot be used.
  static let shared: Result<CurlMulti, CurlLoadFailure> = CurlLibrary.shared.flatMap { library in
    guard let multi = library.multiInit() else { return .failure(CurlLoadFailure(message: "curl_multi_init failed")) }
    return .success(CurlMulti(library: library, multi: multi))
  }

  /// How long one `curl_multi_poll` may sleep when nothing happens (a wakeup ends it at once).
  private static let idlePollMS: Int32 = 30_000

  private let curl: CurlLibrary
  private let multi: OpaquePointer
  private let lock = NSLock()
  /// Submitted, not yet added (guarded by `lock`).
  private var incoming: [CurlTransfer] = []
  /// Transfers whose callers were cancelled (guarded by `lock`).
  private var cancellations: [CurlTransfer] = []
  /// Running transfers by easy handle (the driver thread only).
  private var running: [OpaquePointer: CurlTransfer] = [:]

  private init(library: CurlLibrary, multi: OpaquePointer) {
    curl = library
    self.multi = multi
    let thread = Thread { [self] in run() }
    thread.name = "reprise-curl"
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// Sends `request` and returns what it received.
  /// - Throws: `URLError`: `.cancelled` when the task is cancelled (the transfer is stopped and
  ///   its connection dropped), `.timedOut`, `.dataLengthExceedsMaximum`, network errors.
  func perform(_ request: CurlRequest) async throws -> CurlResponse {
    if Task.isCancelled { throw URLError(.cancelled) }
    let transfer = CurlTransfer(request)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        transfer.continuation = continuation
        lock.lock()
        incoming.append(transfer)
        lock.unlock()
        _ = curl.multiWakeup(multi)
      }
    } onCancel: {
      lock.lock()
      transfer.cancelRequested = true
      cancellations.append(transfer)
      lock.unlock()
      _ = curl.multiWakeup(multi)
    }
  }

  // MARK: The driver thread

  private func run() -> Never {
    // With CURLOPT_NOSIGNAL libcurl does not ignore SIGPIPE itself, and a TLS write to a socket the
    // peer closed can raise it (libcurl's own sends use MSG_NOSIGNAL). A SIGPIPE is sent to the
    // thread that wrote, so blocking it here keeps it from killing the process without changing
    // any signal disposition of the process.
    Platform.blockBrokenPipeInThisThread()
    var stillRunning: Int32 = 0
    var queued: Int32 = 0
    while true {
      lock.lock()
      let arrived = incoming
      incoming.removeAll()
      let stopped = cancellations
      cancellations.removeAll()
      let cancelledOnArrival = Set(arrived.filter(\.cancelRequested).map(ObjectIdentifier.init))
      lock.unlock()

      for transfer in arrived {
        if cancelledOnArrival.contains(ObjectIdentifier(transfer)) {
          resume(transfer, with: .failure(URLError(.cancelled)))
          continue
        }
        do {
          let easy = try transfer.makeHandle(curl)
          let status = curl.multiAddHandle(multi, easy)
          guard status == 0 else {
            transfer.release(curl)
            throw URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: "curl_multi_add_handle failed (\(status))"])
          }
          running[easy] = transfer
        } catch {
          resume(transfer, with: .failure(error))
        }
      }
      for transfer in stopped {
        guard let easy = transfer.easy, running.removeValue(forKey: easy) != nil else { continue }
        _ = curl.multiRemoveHandle(multi, easy)
        transfer.release(curl)
        resume(transfer, with: .failure(URLError(.cancelled)))
      }

      _ = curl.multiPerform(multi, &stillRunning)
      while let message = curl.multiInfoRead(multi, &queued) {
        // CURLMsg: { CURLMSG msg; CURL *easy_handle; union { void *whatever; CURLcode result; } data; }
        let kind = message.load(as: Int32.self)
        let pointerSize = MemoryLayout<UnsafeRawPointer>.stride
        guard kind == CurlLibrary.messageDone,
          let easy = message.load(fromByteOffset: pointerSize, as: OpaquePointer?.self),
          let transfer = running.removeValue(forKey: easy)
        else { continue }
        let code = message.load(fromByteOffset: 2 * pointerSize, as: Int32.self)
        _ = curl.multiRemoveHandle(multi, easy)
        resume(transfer, with: transfer.finish(curl, code: code))
      }
      _ = curl.multiPoll(multi, nil, 0, CurlMulti.idlePollMS, nil)
    }
  }

  private func resume(_ transfer: CurlTransfer, with result: Result<CurlResponse, Error>) {
    let continuation = transfer.continuation
    transfer.continuation = nil
    continuation?.resume(with: result)
  }
}
