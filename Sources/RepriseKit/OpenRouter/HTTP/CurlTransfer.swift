import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
/// One request on the curl transport: its easy handle, the callbacks' state and the continuation
/// of the `async` call waiting for it.
///
/// Ownership: the caller sets `continuation` and hands the transfer to `CurlMulti`; from then on
/// only the multi's thread touches it (the callbacks run inside `curl_multi_perform` on that
/// thread), except `cancelRequested`, which is guarded by the multi's lock. Hence
/// `@unchecked Sendable`.
final class CurlTransfer: @unchecked Sendable {
  /// `CURL_ERROR_SIZE`.
  private static let errorBufferSize = 256

  /// What to send and where the body goes.
  let request: CurlRequest
  /// The waiting call; resumed exactly once, by `CurlMulti`.
  var continuation: CheckedContinuation<CurlResponse, Error>?
  /// Set (under `CurlMulti`'s lock) when the waiting task is cancelled.
  var cancelRequested = false
  /// The easy handle while the transfer is configured or running.
  private(set) var easy: OpaquePointer?
  private var headerList: OpaquePointer?
  private let errorBuffer: UnsafeMutablePointer<CChar>
  private var headers: [String: String] = [:]
  private var lastHeaderName: String?
  private var body = Data()
  private var received = 0
  private var tooLarge = false
  private var writeError: Int32?

  /// A transfer for `request`, not started.
  init(_ request: CurlRequest) {
    self.request = request
    errorBuffer = .allocate(capacity: CurlTransfer.errorBufferSize)
    errorBuffer.initialize(repeating: 0, count: CurlTransfer.errorBufferSize)
  }

  deinit {
    errorBuffer.deallocate()
  }

  /// Creates and configures the easy handle.
  /// - Throws: `URLError` when libcurl refuses an option (then nothing is left allocated).
  func makeHandle(_ curl: CurlLibrary) throws -> OpaquePointer {
    guard let easy = curl.easyInit() else { throw URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: "curl_easy_init failed"]) }
    self.easy = easy
    do {
      try configure(easy, curl)
    } catch {
      release(curl)
      throw error
    }
    return easy
  }

  private func configure(_ easy: OpaquePointer, _ curl: CurlLibrary) throws {
    func check(_ status: Int32, _ what: String) throws {
      guard status == 0 else {
        throw URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: "libcurl refused \(what): \(curl.describe(status))"])
      }
    }
    func set(_ option: CurlOption, _ value: Int, _ what: String) throws { try check(curl.setLong(easy, option.rawValue, value), what) }
    func set(_ option: CurlOption, string: String, _ what: String) throws {
      // libcurl copies string options (CURLOPT_URL, _CUSTOMREQUEST, _ACCEPT_ENCODING) at once.
      try string.withCString { try check(curl.setPointer(easy, option.rawValue, $0), what) }
    }
    let user = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())
    try set(.noSignal, 1, "CURLOPT_NOSIGNAL")
    try check(curl.setPointer(easy, CurlOption.errorBuffer.rawValue, errorBuffer), "CURLOPT_ERRORBUFFER")
    try set(.url, string: request.url.absoluteString, "the URL")
    try set(.protocols, CurlOption.httpAndHTTPS, "CURLOPT_PROTOCOLS")
    try set(.redirectProtocols, CurlOption.httpAndHTTPS, "CURLOPT_REDIR_PROTOCOLS")
    // URLSession follows redirects; so does this transport (libcurl never forwards a custom
    // Authorization header to another host).
    try set(.followLocation, 1, "CURLOPT_FOLLOWLOCATION")
    try set(.maxRedirects, 16, "CURLOPT_MAXREDIRS")
    // As URLSession on Linux: offer every encoding libcurl can decode, and hand over decoded bytes.
    try set(.acceptEncoding, string: "", "CURLOPT_ACCEPT_ENCODING")
    try set(.tcpKeepAlive, 1, "CURLOPT_TCP_KEEPALIVE")
    // The whole transfer, as URLSession's request and resource timeouts (both `timeout` there); 0 is none.
    let milliseconds = request.timeout.isFinite && request.timeout > 0 ? max(1, Int(min(request.timeout, 86_400 * 365) * 1000)) : 0
    try set(.timeoutMS, milliseconds, "CURLOPT_TIMEOUT_MS")
    try set(.connectTimeoutMS, milliseconds, "CURLOPT_CONNECTTIMEOUT_MS")
    try check(curl.setCallback(easy, CurlOption.writeFunction.rawValue, CurlTransfer.bodyCallback), "CURLOPT_WRITEFUNCTION")
    try check(curl.setPointer(easy, CurlOption.writeData.rawValue, user), "CURLOPT_WRITEDATA")
    try check(curl.setCallback(easy, CurlOption.headerFunction.rawValue, CurlTransfer.headerCallback), "CURLOPT_HEADERFUNCTION")
    try check(curl.setPointer(easy, CurlOption.headerData.rawValue, user), "CURLOPT_HEADERDATA")

    switch request.method.uppercased() {
    case "GET": try set(.httpGet, 1, "CURLOPT_HTTPGET")
    case "HEAD": try set(.noBody, 1, "CURLOPT_NOBODY")
    case "POST": break
    default: try set(.customRequest, string: request.method, "CURLOPT_CUSTOMREQUEST")
    }
    if let body = request.body ?? (request.method.uppercased() == "POST" ? Data() : nil) {
      try set(.postFieldSizeLarge, body.count, "CURLOPT_POSTFIELDSIZE_LARGE")
      // libcurl copies the bytes now (the size is set first, so binary bodies are fine).
      try body.withUnsafeBytes { raw in
        let empty: StaticString = ""
        let base = raw.baseAddress ?? UnsafeRawPointer(empty.utf8Start)
        try check(curl.setPointer(easy, CurlOption.copyPostFields.rawValue, base), "the request body")
      }
    }

    var list: OpaquePointer?
    // An empty `Expect:` keeps libcurl from sending `Expect: 100-continue` for larger bodies.
    var lines = ["Expect:"]
    for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
      let clean = value.filter { $0 != "\r" && $0 != "\n" }
      // `Name;` is libcurl's spelling of a header with an empty value (`Name:` would remove it).
      lines.append(clean.isEmpty ? "\(name);" : "\(name): \(clean)")
    }
    for line in lines {
      guard let appended = line.withCString({ curl.slistAppend(list, $0) }) else {
        curl.slistFreeAll(list)
        throw URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: "curl_slist_append failed"])
      }
      list = appended
    }
    headerList = list
    try check(curl.setPointer(easy, CurlOption.httpHeader.rawValue, UnsafeRawPointer(list)), "the request headers")
  }

  /// Frees the easy handle and the header list (the handle must be out of the multi).
  func release(_ curl: CurlLibrary) {
    if let easy { curl.easyCleanup(easy) }
    easy = nil
    curl.slistFreeAll(headerList)
    headerList = nil
  }

  /// The outcome of the ended transfer whose result is `code`; frees the handle.
  func finish(_ curl: CurlLibrary, code: Int32) -> Result<CurlResponse, Error> {
    defer { release(curl) }
    if tooLarge {
      return .failure(
        URLError(
          .dataLengthExceedsMaximum,
          userInfo: [
            NSLocalizedDescriptionKey:
              "the response body is larger than \(OpenRouterConfiguration.mebibytes(request.maxBodyBytes)) MiB (REPRISE_MAX_RESPONSE_MB)"
          ]))
    }
    if let writeError {
      let message = Platform.errorMessage(writeError)
      return .failure(URLError(.cannotWriteToFile, userInfo: [NSLocalizedDescriptionKey: "cannot save the response body: \(message)"]))
    }
    guard code == 0 else {
      var osErrno = 0
      if let easy { _ = curl.getLong(easy, CurlLibrary.infoOSErrno, &osErrno) }
      let buffered = String(cString: errorBuffer)
      return .failure(URLError(curlCode: code, osErrno: osErrno, message: buffered.isEmpty ? curl.describe(code) : buffered))
    }
    var status = 0
    if let easy { _ = curl.getLong(easy, CurlLibrary.infoResponseCode, &status) }
    guard status > 0 else { return .failure(URLError(.badServerResponse)) }
    return .success(CurlResponse(status: status, headers: headers, body: body, bodySize: received))
  }

  // MARK: Callbacks (on the multi's thread, inside curl_multi_perform)

  private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
    guard count > 0, let data else { return count }
    if received + count > request.maxBodyBytes {
      tooLarge = true
      return CurlLibrary.abortTransfer
    }
    switch request.sink {
    case .memory:
      body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count)
    case .file(let fd):
      var offset = 0
      while offset < count {
        let n = write(fd, data + offset, count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          writeError = errno
          return CurlLibrary.abortTransfer
        }
        offset += n
      }
    }
    received += count
    return count
  }

  private func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
    guard count > 0, let data else { return count }
    var raw = UnsafeRawBufferPointer(start: data, count: count)[...]
    // Bytes, not Characters: in a Swift String "\r\n" is one Character.
    while let last = raw.last, last == 0x0A || last == 0x0D { raw = raw.dropLast() }
    let line = String(decoding: raw, as: UTF8.self)
    if line.hasPrefix("HTTP/") {
      // A new response (after a redirect or an interim 1xx): only the last one's headers count.
      headers = [:]
      lastHeaderName = nil
    } else if line.first == " " || line.first == "\t" {
      if let name = lastHeaderName, let previous = headers[name] {
        headers[name] = previous + " " + line.trimmingCharacters(in: .whitespaces)
      }
    } else if let colon = line.firstIndex(of: ":") {
      let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      headers[name] = headers[name].map { $0 + ", " + value } ?? value
      lastHeaderName = name
    }
    return count
  }

  /// `CURLOPT_WRITEFUNCTION`; the user data is the unretained transfer (`CurlMulti` keeps it alive).
  private static let bodyCallback: CurlLibrary.DataCallback = { data, size, count, user in
    guard let user else { return CurlLibrary.abortTransfer }
    return Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().receiveBody(data, size * count)
  }

  /// `CURLOPT_HEADERFUNCTION`, called once per header line (status line and blank line included).
  private static let headerCallback: CurlLibrary.DataCallback = { data, size, count, user in
    guard let user else { return CurlLibrary.abortTransfer }
    return Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().receiveHeader(data, size * count)
  }
}
